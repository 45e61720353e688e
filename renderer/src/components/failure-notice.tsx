import { useTranslation } from 'react-i18next';

import type { Failure } from '../../../electron/shared/result';
import { failureKeys } from '../messages/failure-keys';

export function FailureNotice({ failure }: { failure: Failure }) {
  const { t } = useTranslation();
  const keys = failureKeys(failure);
  return (
    <div className="notice notice-problem" role="alert">
      <p className="notice-title">{t(keys.title)}</p>
      <p>{t(keys.description)}</p>
      <p className="notice-action">{t(keys.action)}</p>
    </div>
  );
}
