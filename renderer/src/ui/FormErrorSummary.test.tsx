import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { MantineProvider } from '@mantine/core';
import { DIRECTIVE_FIELD_ORDER, directiveFormErrors } from '@shared/text/formErrors';
import { FormErrorSummary } from './FormErrorSummary';

const html = (errors: Record<string, string>) =>
  renderToStaticMarkup(
    <MantineProvider>
      <FormErrorSummary errors={errors} order={DIRECTIVE_FIELD_ORDER} action="Chưa lưu được" />
    </MantineProvider>,
  );

describe('FormErrorSummary', () => {
  it('lists every problem at once, in the order of the fields, each naming its field', () => {
    const out = html(directiveFormErrors({ kind: 'officialLetter', number: '', symbol: '', issuedOn: '31/02/2026', receivedOn: '', issuerName: '', subject: '', signerName: '' }));
    expect(out).toContain('role="alert"');
    expect(out).toContain('Chưa lưu được: 3 mục cần sửa');
    const at = (s: string) => out.indexOf(s);
    expect(at('Ngày ban hành: Ngày 31/02/2026 không có thật.')).toBeGreaterThan(0);
    expect(at('Cơ quan ban hành: chưa nhập.')).toBeGreaterThan(at('Ngày ban hành:'));
    expect(at('Trích yếu: chưa nhập.')).toBeGreaterThan(at('Cơ quan ban hành:'));
    expect(out).not.toContain('.;');
  });

  it('renders nothing without problems', () => {
    expect(html({})).not.toContain('role="alert"');
  });
});
