import { CATEGORY_CAPTIONS, REASON_CAPTIONS, caption } from '../../format/captions';
import { formatAge } from '../../format/dates';

interface CaseChildLike {
  fullName?: string | null;
  age?: number | null;
  redaction?: { category: string; reason: string; message: string } | null;
}

/** The child's name in a list, or why the commission's list may not show it. */
export function ChildName({ child }: { child: CaseChildLike | null | undefined }) {
  if (child?.redaction) {
    return (
      <span className="withheld" data-reason={child.redaction.reason}>
        Скрыто ({caption(CATEGORY_CAPTIONS, child.redaction.category)}): {caption(REASON_CAPTIONS, child.redaction.reason)}
      </span>
    );
  }
  return <>{child?.fullName ?? '—'}</>;
}

export function ChildAge({ child }: { child: CaseChildLike | null | undefined }) {
  return <>{child?.redaction ? '—' : formatAge(child?.age)}</>;
}
