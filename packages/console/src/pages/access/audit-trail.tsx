import { useEffect, useState } from "preact/hooks";
import { useClient } from "../../api/connection.js";
import { ErrorNotice } from "../../ui/errors.js";
import { useLoad } from "../../ui/use-load.js";
import type { Project } from "../projects/load-projects.js";
import { type ApiToken, type AuditFilter, loadAudit } from "./access-model.js";
import { AuditFilters } from "./audit-filters.js";
import { AuditTable } from "./audit-table.js";

export interface AuditTrailProps {
  tokens: ApiToken[];
  projects: Project[];
}

/**
 * The audit log, newest first: filtered by time, token, project and action, a page at a
 * time ("Older" follows the server's `next`; "Newer" goes back the way it came).
 */
export function AuditTrail({ tokens, projects }: AuditTrailProps) {
  const client = useClient();
  const [filter, setFilter] = useState<AuditFilter>({});
  // The `before` of each page shown so far; the last one is the current page's.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const before = cursors.at(-1);
  const key = JSON.stringify(filter);
  const page = useLoad(() => loadAudit(client, filter, before), [client, key, before]);
  // Every action seen so far, offered as suggestions in the action filter.
  const [actions, setActions] = useState<string[]>([]);
  useEffect(() => {
    const seen = (page.data?.items ?? []).map((record) => `${record.method} ${record.route}`);
    setActions((known) =>
      seen.every((action) => known.includes(action))
        ? known
        : [...new Set([...known, ...seen])].sort(),
    );
  }, [page.data]);

  return (
    <section aria-labelledby="audit-title">
      <div class="page-head">
        <h2 id="audit-title">Audit trail</h2>
        <button type="button" onClick={() => void page.reload()} disabled={page.loading}>
          Refresh
        </button>
      </div>
      <AuditFilters
        tokens={tokens}
        projects={projects}
        actions={actions}
        onApply={(next) => {
          setFilter(next);
          setCursors([undefined]);
        }}
      />
      <ErrorNotice error={page.error} />
      {page.data === undefined && page.loading ? <p>Loading…</p> : null}
      {page.data?.items.length === 0 ? <p class="empty">No record matches.</p> : null}
      {page.data && page.data.items.length > 0 ? <AuditTable records={page.data.items} /> : null}
      <nav class="audit-paging" aria-label="Pages of the audit trail">
        <button
          type="button"
          disabled={cursors.length === 1}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          Newer
        </button>
        <span class="muted">Page {cursors.length}</span>
        <button
          type="button"
          disabled={page.data?.next === undefined}
          onClick={() => {
            const next = page.data?.next;
            if (next !== undefined) setCursors([...cursors, next]);
          }}
        >
          Older
        </button>
      </nav>
    </section>
  );
}
