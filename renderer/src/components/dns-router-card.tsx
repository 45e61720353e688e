import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import { routerGuide } from '../../../electron/shared/dns-guidance';
import {
  ROUTER_FAMILIES,
  RouterFamilySchema,
  type RouterFamily,
  type RouterInfo,
} from '../../../electron/shared/schemas/dns';

/**
 * The router as recognised, and why ("FRITZ!Box 7590, recognised from its UPnP description"),
 * where the filter sits, a link to its settings page, and a way to say which router it really is.
 */
export function DnsRouterCard({
  router,
  onCorrect,
}: {
  router: RouterInfo;
  onCorrect: (family: RouterFamily) => void;
}) {
  const { t } = useTranslation();
  const selectId = useId();
  const hintId = useId();
  const lines = routerGuide(
    router,
    (family) => t(`dns.family.${family}`),
    (source) => t(`dns.routerInfo.source.${source}`),
  );
  return (
    <section className="dns-router" aria-labelledby={`${selectId}-title`}>
      <h3 id={`${selectId}-title`}>{t('dns.routerInfo.title')}</h3>
      {lines.map((line) => (
        <p key={line.key}>{t(line.key, line.values ?? {})}</p>
      ))}
      {router.adminUrl !== null && (
        <p>
          <a
            className="button"
            href={router.adminUrl}
            target="_blank"
            rel="noreferrer"
            aria-describedby={hintId}
          >
            {t('dns.routerInfo.open')}
          </a>{' '}
          <span id={hintId} className="muted">
            {t('dns.routerInfo.openHint', { url: router.adminUrl })}
          </span>
        </p>
      )}
      <div className="field">
        <label htmlFor={selectId}>{t('dns.routerInfo.correct')}</label>
        <select
          id={selectId}
          value={router.family}
          onChange={(event) => {
            const family = RouterFamilySchema.safeParse(event.target.value);
            if (family.success) {
              onCorrect(family.data);
            }
          }}
        >
          {ROUTER_FAMILIES.map((family) => (
            <option key={family} value={family}>
              {t(`dns.family.${family}`)}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}
