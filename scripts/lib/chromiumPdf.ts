/**
 * Chromium print-to-PDF outside Electron, for the CLI (`dondoc samples`) and the tests: the same
 * HTML the app prints with webContents.printToPDF, printed by Playwright's page.pdf() on the
 * system Chromium. A4 and margins come from the document's own @page rule.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

export function chromiumPath(): string | undefined {
  return process.env.DONDOC_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
}

export interface PdfPrinter {
  toPdf(html: string): Promise<Buffer>;
  close(): Promise<void>;
}

export async function launchPdfPrinter(): Promise<PdfPrinter> {
  const browser: Browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    async toPdf(html) {
      const page = await browser.newPage();
      try {
        // The letter is self-contained: nothing may be fetched while printing it.
        await page.route('**/*', (route) => route.abort());
        await page.setContent(html, { waitUntil: 'load' });
        return Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: false }));
      } finally {
        await page.close();
      }
    },
    close: () => browser.close(),
  };
}
