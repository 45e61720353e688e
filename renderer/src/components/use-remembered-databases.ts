import { useCallback, useEffect, useState } from 'react';

import type { RememberedDatabase } from '../../../electron/shared/schemas/pairing';
import { assistant } from '../api';

/** The databases whose credentials this computer remembers, and Forget (list refreshed after). */
export function useRememberedDatabases(enabled: boolean): {
  entries: readonly RememberedDatabase[];
  forget: (entry: RememberedDatabase) => void;
} {
  const [entries, setEntries] = useState<readonly RememberedDatabase[]>([]);
  const refresh = useCallback(() => {
    void assistant()
      .listRememberedDatabases()
      .then((result) => setEntries(result.ok ? result.value : []));
  }, []);
  useEffect(() => {
    if (enabled) {
      refresh();
    }
  }, [enabled, refresh]);
  const forget = useCallback(
    (entry: RememberedDatabase) => {
      void assistant().forgetRememberedDatabase(entry.id).then(refresh);
    },
    [refresh],
  );
  return { entries: enabled ? entries : [], forget };
}
