import { describe, expect, it } from 'vitest';

import {
  HTTPS_PROBLEM_OUTCOMES,
  KNOWLEDGE_BASE,
} from '../../../../../electron/core/certificate/knowledge-base';
import {
  CertificateActionSchema,
  CertificateOutcomeSchema,
  HttpsProblemSchema,
} from '../../../../../electron/shared/schemas/certificate';
import { locales } from '../../../../../electron/shared/locales';

describe('certificate knowledge base', () => {
  it('covers every outcome with actions and an Odoo documentation link', () => {
    for (const outcome of CertificateOutcomeSchema.options) {
      const entry = KNOWLEDGE_BASE[outcome];
      expect(entry.actions.length, outcome).toBeGreaterThan(0);
      expect(new Set(entry.actions).size, outcome).toBe(entry.actions.length);
      expect(entry.docUrl, outcome).toMatch(/^https:\/\/www\.odoo\.com\/documentation\/18\.0\//);
    }
  });

  it('has a title and explanation for every outcome, and a text for every action, in every language', () => {
    for (const language of ['en', 'it'] as const) {
      const texts = locales[language].certificate;
      for (const outcome of CertificateOutcomeSchema.options) {
        expect(texts.outcome[outcome].title.length, `${language} ${outcome}`).toBeGreaterThan(0);
        expect(texts.outcome[outcome].description.length).toBeGreaterThan(0);
      }
      for (const action of CertificateActionSchema.options) {
        expect(texts.action[action].length, `${language} ${action}`).toBeGreaterThan(0);
      }
    }
  });

  it('maps every HTTPS problem to its own outcome', () => {
    const mapped = HttpsProblemSchema.options.map((problem) => HTTPS_PROBLEM_OUTCOMES[problem]);
    expect(new Set(mapped).size).toBe(HttpsProblemSchema.options.length);
  });

  it('sends the documented next steps first', () => {
    expect(KNOWLEDGE_BASE['no-server'].actions[0]).toBe('go-to-connect');
    expect(KNOWLEDGE_BASE['no-credential'].actions[0]).toBe('go-to-credentials');
    expect(KNOWLEDGE_BASE['no-result'].actions[0]).toBe('check-eligibility');
    expect(KNOWLEDGE_BASE['request-status'].actions).toEqual([
      'check-odoo-com',
      'wait',
      'retry',
      'contact-odoo-support',
    ]);
    expect(KNOWLEDGE_BASE['https-name-does-not-resolve'].actions).toEqual(['repair-dns']);
  });
});
