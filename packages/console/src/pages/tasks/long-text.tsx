/** Text over this many characters or lines starts folded. */
const foldChars = 400;
const foldLines = 8;

/**
 * Preformatted text (a prompt, an agent's answer) that folds into a `<details>` when
 * long (or when `fold` asks), so a queue of long prompts stays scannable.
 */
export function LongText(props: { label: string; text: string; fold?: boolean }) {
  const { label, text } = props;
  const long = props.fold || text.length > foldChars || text.split("\n").length > foldLines;
  if (!long) {
    return (
      <div class="task-text">
        <span class="task-label">{label}</span>
        <pre>{text}</pre>
      </div>
    );
  }
  const flat = text.replace(/\s+/g, " ");
  const preview = flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
  return (
    <details class="task-text">
      <summary>
        <span class="task-label">{label}</span> <span class="muted">{preview}</span>
      </summary>
      <pre>{text}</pre>
    </details>
  );
}
