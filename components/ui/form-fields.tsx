// Labelled form controls: a text input, a select, a multi-line text and a checkbox (optionally shown as a switch).
// Labels and hints are wired to the control, so screen readers and tests find each by its name.
import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from "react";

const CONTROL =
  "w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 shadow-xs placeholder:text-zinc-400 focus:border-indigo-500 focus:outline-2 focus:outline-indigo-500/30 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";

function Labelled({
  label,
  hint,
  className = "",
  control,
}: {
  label: string;
  hint?: ReactNode;
  className?: string;
  control: (ids: { id: string; hintId?: string }) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={`flex flex-col gap-1.5 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      {control({ id, hintId })}
      {hint && (
        <p id={hintId} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
    </div>
  );
}

type TextFieldProps = InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: ReactNode };

export function TextField({ label, hint, className, ...props }: TextFieldProps) {
  return (
    <Labelled
      label={label}
      hint={hint}
      className={className}
      control={({ id, hintId }) => <input id={id} aria-describedby={hintId} className={CONTROL} {...props} />}
    />
  );
}

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  hint?: ReactNode;
  options: readonly { value: string; label: string }[];
};

export function SelectField({ label, hint, options, className, ...props }: SelectFieldProps) {
  return (
    <Labelled
      label={label}
      hint={hint}
      className={className}
      control={({ id, hintId }) => (
        <select id={id} aria-describedby={hintId} className={CONTROL} {...props}>
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

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; hint?: ReactNode };

export function TextAreaField({ label, hint, className, ...props }: TextAreaFieldProps) {
  return (
    <Labelled
      label={label}
      hint={hint}
      className={className}
      control={({ id, hintId }) => (
        <textarea id={id} aria-describedby={hintId} rows={4} className={`${CONTROL} font-mono text-xs`} {...props} />
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
