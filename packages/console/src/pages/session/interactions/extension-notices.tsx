import type { ExtensionNotice } from "./use-extension-dialogs.js";

const tone: Record<ExtensionNotice["notifyType"], string> = {
  info: "",
  warning: "warn",
  error: "error",
};

/** Notifications extensions showed in this session, newest last, each dismissible. */
export function ExtensionNotices({
  notices,
  onDismiss,
}: {
  notices: ExtensionNotice[];
  onDismiss(id: string): void;
}) {
  if (notices.length === 0) return null;
  return (
    <ul class="extension-notices" aria-label="Extension notifications" aria-live="polite">
      {notices.map((notice) => (
        <li key={notice.id} class="card">
          <span class={`badge ${tone[notice.notifyType]}`}>{notice.notifyType}</span>
          <span class="notice-text">{notice.message}</span>
          <button
            type="button"
            class="small"
            aria-label={`Dismiss notification: ${notice.message}`}
            onClick={() => onDismiss(notice.id)}
          >
            Dismiss
          </button>
        </li>
      ))}
    </ul>
  );
}
