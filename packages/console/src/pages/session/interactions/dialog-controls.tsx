import { useState } from "preact/hooks";
import type { ExtensionUiAnswer } from "./answer-request.js";
import type { PendingDialog } from "./use-extension-dialogs.js";

interface ControlProps {
  dialog: PendingDialog;
  /** The id of the dialog's heading, naming its controls for screen readers. */
  titleId: string;
  disabled: boolean;
  onAnswer(answer: ExtensionUiAnswer): void;
}

/** The control a dialog's method asks for. */
export function DialogControl(props: ControlProps) {
  switch (props.dialog.method) {
    case "select":
      return <SelectControl {...props} />;
    case "confirm":
      return <ConfirmControl {...props} />;
    case "input":
      return <TextControl {...props} multiline={false} />;
    case "editor":
      return <TextControl {...props} multiline />;
  }
}

/** One button per option: a single click answers. */
function SelectControl({ dialog, titleId, disabled, onAnswer }: ControlProps) {
  return (
    <ul class="choice-list" aria-labelledby={titleId}>
      {(dialog.options ?? []).map((option) => (
        <li key={option}>
          <button type="button" disabled={disabled} onClick={() => onAnswer({ value: option })}>
            {option}
          </button>
        </li>
      ))}
    </ul>
  );
}

function ConfirmControl({ disabled, onAnswer }: ControlProps) {
  return (
    <div class="actions start">
      <button
        type="button"
        class="primary"
        disabled={disabled}
        onClick={() => onAnswer({ confirmed: true })}
      >
        Yes
      </button>
      <button type="button" disabled={disabled} onClick={() => onAnswer({ confirmed: false })}>
        No
      </button>
    </div>
  );
}

/** `input` is one line (Enter sends); `editor` a textarea prefilled with the draft. */
function TextControl({
  dialog,
  titleId,
  disabled,
  onAnswer,
  multiline,
}: ControlProps & { multiline: boolean }) {
  const [value, setValue] = useState(dialog.prefill ?? "");
  return (
    <form
      class="answer-form"
      onSubmit={(event) => {
        event.preventDefault();
        onAnswer({ value });
      }}
    >
      {multiline ? (
        <textarea
          aria-labelledby={titleId}
          rows={8}
          value={value}
          disabled={disabled}
          onInput={(event) => setValue(event.currentTarget.value)}
        />
      ) : (
        <input
          type="text"
          aria-labelledby={titleId}
          placeholder={dialog.placeholder}
          value={value}
          disabled={disabled}
          onInput={(event) => setValue(event.currentTarget.value)}
        />
      )}
      <div class="actions start">
        <button type="submit" class="primary" disabled={disabled}>
          Send
        </button>
      </div>
    </form>
  );
}
