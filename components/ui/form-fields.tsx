// Labelled form controls: a text input, a select, a multi-line text and a checkbox (optionally shown as a switch).
// Labels, hints and errors are wired to the control, so screen readers and tests find each by its name, and an
// invalid field says so (aria-invalid) with its message right below it.
import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from "react";
import { RESOURCE_NAME_MAX } from "@/server/http/resource-name";

const CONTROL =
  "w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 shadow-xs placeholder:text-zinc-400 focus:border-indigo-500 focus:outline-2 focus:outline-indigo-500/30 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";

const INVALID = "border-red-500 dark:border-red-500";

type ControlIds = { id: string; hintId?: string; invalid: boolean };

/** The ids a control points at: its hint and its error message, either of which may be absent. */
function describedBy(id: string, hint: ReactNode, error: string | undefined) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="text-xs font-medium text-red-700 dark:text-red-300">
      {error}
    </p>
  );
}

function Labelled({
  label,
  hint,
  error,
  className = "",
  control,
}: {
  label: string;
  hint?: ReactNode;
  error?: string;
  className?: string;
  control: (ids: ControlIds) => ReactNode;
}) {
  const id = useId();
  const hintId = describedBy(id, hint, error);
  return (
    <div className={`flex flex-col gap-1.5 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      {control({ id, hintId, invalid: Boolean(error) })}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      <FieldError id={id} error={error} />
    </div>
  );
}

type TextFieldProps = InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: ReactNode; error?: string };

export function TextField({ label, hint, error, className, ...props }: TextFieldProps) {
  return (
    <Labelled
      label={label}
      hint={hint}
      error={error}
      className={className}
      control={({ id, hintId, invalid }) => (
        <input
          id={id}
          aria-describedby={hintId}
          aria-invalid={invalid || undefined}
          className={`${CONTROL} ${invalid ? INVALID : ""}`}
          {...props}
        />
      )}
    />
  );
}

/** The name of a volume, repository, schedule or destination: required, and within the API's own limit. */
export function NameField(props: Omit<TextFieldProps, "label" | "name" | "required" | "maxLength">) {
  return <TextField label="Name" name="name" required maxLength={RESOURCE_NAME_MAX} {...props} />;
}

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  hint?: ReactNode;
  error?: string;
  options: readonly { value: string; label: string }[];
};

export function SelectField({ label, hint, error, options, className, ...props }: SelectFieldProps) {
  return (
    <Labelled
      label={label}
      hint={hint}
      error={error}
      className={className}
      control={({ id, hintId, invalid }) => (
        <select
          id={id}
          aria-describedby={hintId}
          aria-invalid={invalid || undefined}
          className={`${CONTROL} ${invalid ? INVALID : ""}`}
          {...props}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & {
  label: string;
  hint?: ReactNode;
  error?: string;
};

export function TextAreaField({ label, hint, error, className, ...props }: TextAreaFieldProps) {
  return (
    <Labelled
      label={label}
      hint={hint}
      error={error}
      className={className}
      control={({ id, hintId, invalid }) => (
        <textarea
          id={id}
          aria-describedby={hintId}
          aria-invalid={invalid || undefined}
          rows={4}
          className={`${CONTROL} font-mono text-xs ${invalid ? INVALID : ""}`}
          {...props}
        />
      )}
    />
  );
}

type CheckboxFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & {
  label: string;
  hint?: ReactNode;
  /** An on/off setting that takes effect in the form at once (role=switch) rather than a plain checkbox. */
  asSwitch?: boolean;
};

export function CheckboxField({ label, hint, asSwitch = false, className = "", ...props }: CheckboxFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={`flex items-start gap-2.5 ${className}`}>
      <input
        id={id}
        type="checkbox"
        role={asSwitch ? "switch" : undefined}
        aria-describedby={hintId}
        className="mt-0.5 size-4 shrink-0 rounded border-zinc-300 accent-indigo-600 dark:border-zinc-700"
        {...props}
      />
      <div className="flex flex-col gap-0.5">
        <label htmlFor={id} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
          {label}
        </label>
        {hint && (
          <p id={hintId} className="text-xs text-zinc-500 dark:text-zinc-400">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}
