import { Alert } from "@/components/ui/alert";
import type { ActionFailure } from "@/server/actions/run-action";

/**
 * A failed action's message above the submit button. When every problem is shown next to its field, this says only
 * that; errors on fields the form does not show (or the whole input) are listed here.
 */
export function FormFailure({ failure, shownFields = [] }: { failure: ActionFailure | null; shownFields?: string[] }) {
  if (!failure) return null;
  const other = Object.entries(failure.fieldErrors).filter(([path]) => !shownFields.includes(path));
  return (
    <Alert tone="error">
      {failure.message}
      {other.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {other.map(([path, message]) => (
            <li key={path}>
              {path === "_form" ? "" : `${path}: `}
              {message}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
