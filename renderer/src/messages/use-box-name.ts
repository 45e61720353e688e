import { useTranslation } from 'react-i18next';

import { boxName, type BoxIdentity } from '../../../electron/shared/box-identity';

/** The box's name as every screen shows it: its host name, or Odoo's name for one without. */
export function useBoxName(): (box: BoxIdentity) => string {
  const { t } = useTranslation();
  return (box) => boxName(box, (text) => t(text.key, text.values ?? {}));
}
