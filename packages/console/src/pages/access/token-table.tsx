import { formatAge, formatTime } from "../../ui/format.js";
import type { ApiToken } from "./access-model.js";

/** Whether `token` has expired by `now`. */
function expired(token: ApiToken, now: number): boolean {
  return token.expiresAt !== undefined && Date.parse(token.expiresAt) <= now;
}

/** The API tokens with their role, scope, creation, expiry and last use; never a secret. */
export function TokenTable(props: { tokens: ApiToken[]; onDelete(token: ApiToken): void }) {
  const now = Date.now();
  return (
    <div class="table-scroll">
      <table aria-label="API tokens" class="access-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Scope</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {props.tokens.map((token) => (
            <tr key={token.id} data-token={token.id}>
              <th scope="row">{token.name}</th>
              <td>
                <span class={`badge role-${token.role}`}>{token.role}</span>
              </td>
              <td>{token.projects ? token.projects.join(", ") : "every project"}</td>
              <td>
                {formatTime(token.createdAt)}
                <span class="muted access-sub">by {token.createdBy}</span>
              </td>
              <td>
                {token.expiresAt ? formatTime(token.expiresAt) : "never"}{" "}
                {expired(token, now) ? <span class="badge error">expired</span> : null}
              </td>
              <td>{token.lastUsedAt ? formatAge(token.lastUsedAt, now) : "never"}</td>
              <td>
                <button
                  type="button"
                  class="danger small"
                  aria-label={`Delete token ${token.name}`}
                  onClick={() => props.onDelete(token)}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
