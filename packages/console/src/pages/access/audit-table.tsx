import { formatTime } from "../../ui/format.js";
import type { AuditRecord } from "./access-model.js";

function statusClass(status: number): string {
  if (status >= 500) return "badge error";
  if (status >= 400) return "badge warn";
  return "badge ok";
}

/** Audit records, newest first: who did what to which ids, and how it went. */
export function AuditTable({ records }: { records: AuditRecord[] }) {
  return (
    <div class="table-scroll">
      <table aria-label="Audit records" class="access-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Token</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Status</th>
            <th scope="col">Client</th>
          </tr>
        </thead>
        <tbody>
          {records.map((record) => (
            <tr key={record.id} data-audit-id={record.id}>
              <td>{formatTime(record.time)}</td>
              <td>
                {record.tokenName}{" "}
                {record.role ? (
                  <span class={`badge role-${record.role}`}>{record.role}</span>
                ) : null}
              </td>
              <td>
                <code>
                  {record.method} {record.route}
                </code>
              </td>
              <td>
                {Object.entries(record.target).map(([name, value]) => (
                  <span key={name} class="access-sub">
                    {name}: <code>{value}</code>
                  </span>
                ))}
              </td>
              <td>
                <span class={statusClass(record.status)}>{record.status}</span>
              </td>
              <td>{record.client ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
