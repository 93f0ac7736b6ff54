import type { ExtensionStatus } from "./use-extension-status.js";

/** Extensions' status line entries and text widgets, under the dialogs. */
export function ExtensionStatusView({ statuses, widgets }: ExtensionStatus) {
  if (statuses.length === 0 && widgets.length === 0) return null;
  return (
    <section class="extension-status" aria-label="Extension status">
      {statuses.length > 0 ? (
        <dl class="status-line">
          {statuses.map(([key, text]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd>{text}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {widgets.map(([key, lines]) => (
        <figure key={key} class="extension-widget">
          <figcaption class="muted">{key}</figcaption>
          <pre>{lines.join("\n")}</pre>
        </figure>
      ))}
    </section>
  );
}
