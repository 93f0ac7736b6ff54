import { linkTo } from "../../router.js";
import { groupModels, type ModelInfo, modelKey, type ThinkingLevel } from "./models.js";

export interface ModelSelectProps {
  id: string;
  models: readonly ModelInfo[];
  /** `provider/modelId`, or "" for none. */
  value: string;
  disabled?: boolean;
  /** Shown as the empty choice when `value` is "". */
  placeholder?: string;
  /** An empty choice that is always offered (e.g. "the server's default"), with this label. */
  emptyOption?: string;
  onChange(value: string): void;
}

/**
 * The models grouped by provider; those without credentials are listed but cannot be
 * chosen, and say so.
 */
export function ModelSelect(props: ModelSelectProps) {
  const groups = groupModels(props.models);
  return (
    <select
      id={props.id}
      value={props.value}
      disabled={props.disabled}
      onChange={(event) => props.onChange(event.currentTarget.value)}
    >
      {props.emptyOption !== undefined ? (
        <option value="">{props.emptyOption}</option>
      ) : props.value === "" ? (
        <option value="">{props.placeholder ?? "Choose a model"}</option>
      ) : null}
      {groups.map((group) => (
        <optgroup
          key={group.provider}
          label={group.available ? group.provider : `${group.provider} (no credentials)`}
        >
          {group.models.map((model) => (
            <option
              key={model.id}
              value={modelKey(model.provider, model.id)}
              disabled={!model.authAvailable}
            >
              {model.authAvailable ? model.name : `${model.name} — no credentials`}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

/** Where to add the credentials a model lacks. */
export function CredentialsHint() {
  return (
    <span class="hint">
      Models without credentials need a key on the{" "}
      <a href={linkTo({ page: "credentials" })}>Credentials</a> page.
    </span>
  );
}

export interface ThinkingSelectProps {
  id: string;
  levels: readonly ThinkingLevel[];
  value: ThinkingLevel | "";
  disabled?: boolean;
  /** Shown as the empty choice (the model's default) when given. */
  placeholder?: string;
  onChange(value: ThinkingLevel | ""): void;
}

/** pi's thinking levels the model accepts. */
export function ThinkingSelect(props: ThinkingSelectProps) {
  return (
    <select
      id={props.id}
      value={props.value}
      disabled={props.disabled}
      onChange={(event) => props.onChange(event.currentTarget.value as ThinkingLevel | "")}
    >
      {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
      {props.levels.map((level) => (
        <option key={level} value={level}>
          {level}
        </option>
      ))}
    </select>
  );
}
