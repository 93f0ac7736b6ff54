import type { ModelDraft } from "./custom-provider-draft.js";

export interface CustomModelFieldsProps {
  model: ModelDraft;
  /** 1-based, for the labels. */
  position: number;
  onChange(model: ModelDraft): void;
  /** Absent when this is the only model (a provider needs at least one). */
  onRemove?: () => void;
}

type TextField =
  | "id"
  | "name"
  | "contextWindow"
  | "maxTokens"
  | "costInput"
  | "costOutput"
  | "costCacheRead"
  | "costCacheWrite";

const numberFields: ReadonlyArray<{ field: TextField; label: string; step: string }> = [
  { field: "contextWindow", label: "Context window", step: "1" },
  { field: "maxTokens", label: "Max output tokens", step: "1" },
  { field: "costInput", label: "Input $/M", step: "any" },
  { field: "costOutput", label: "Output $/M", step: "any" },
  { field: "costCacheRead", label: "Cache read $/M", step: "any" },
  { field: "costCacheWrite", label: "Cache write $/M", step: "any" },
];

/** One model of a custom provider: id, name, limits, capabilities and prices. */
export function CustomModelFields({ model, position, onChange, onRemove }: CustomModelFieldsProps) {
  const set = (field: TextField) => (event: { currentTarget: HTMLInputElement }) =>
    onChange({ ...model, [field]: event.currentTarget.value });
  return (
    <fieldset class="credentials-model">
      <legend>Model {position}</legend>
      <label>
        Model id
        <input required value={model.id} onInput={set("id")} autoComplete="off" />
      </label>
      <label>
        Model name
        <input value={model.name} onInput={set("name")} placeholder="Default: the id" />
      </label>
      {numberFields.map(({ field, label, step }) => (
        <label key={field}>
          {label}
          <input
            type="number"
            min="0"
            step={step}
            inputMode="decimal"
            value={model[field]}
            onInput={set(field)}
          />
        </label>
      ))}
      <label class="credentials-check">
        <input
          type="checkbox"
          checked={model.reasoning}
          onChange={(event) => onChange({ ...model, reasoning: event.currentTarget.checked })}
        />
        Reasoning
      </label>
      <label class="credentials-check">
        <input
          type="checkbox"
          checked={model.image}
          onChange={(event) => onChange({ ...model, image: event.currentTarget.checked })}
        />
        Image input
      </label>
      {onRemove ? (
        <button
          type="button"
          class="small danger"
          aria-label={`Remove model ${position}`}
          onClick={onRemove}
        >
          Remove model
        </button>
      ) : null}
    </fieldset>
  );
}
