import { useClient } from "../../api/connection.js";
import { useLoad } from "../../ui/use-load.js";
import { loadAllProjects } from "../projects/load-projects.js";
import { loadTokens } from "./access-model.js";
import { AuditTrail } from "./audit-trail.js";
import { TokensSection } from "./tokens-section.js";
import "./access.css";

/**
 * For admins: the API tokens (create one, see its secret once, delete one) and the audit
 * trail of state-changing and refused requests.
 */
export function AccessPage() {
  const client = useClient();
  const tokens = useLoad(() => loadTokens(client), [client]);
  const projects = useLoad(() => loadAllProjects(client), [client]);
  return (
    <section aria-labelledby="access-title" class="access-page">
      <div class="page-head">
        <h1 id="access-title">Access</h1>
      </div>
      <TokensSection tokens={tokens} projects={projects} />
      <AuditTrail tokens={tokens.data ?? []} projects={projects.data ?? []} />
    </section>
  );
}
