import type { BenchCase } from '../types';
import { renderLetterDocx } from '../../electron/main/letters/docx';
import { renderLetterHtml } from '../../shared/letters/html';
import type { Letter } from '../../shared/letters/model';
import { buildFollowUpBatch, buildFollowUpLetter } from '../../shared/letters/templates';
import { sampleBatchUnits, sampleIssuer, sampleTasks } from '../../shared/letters/__fixtures__/samples';

let big: Letter;
let batchUnits: ReturnType<typeof sampleBatchUnits>;

const cases: BenchCase[] = [
  {
    name: 'letters.followUpDocx200',
    size: '1 công văn đôn đốc with a 200-task table → .docx',
    setup: () => {
      big = buildFollowUpLetter({ issuer: sampleIssuer, unit: { name: 'Phòng Kinh tế' }, tasks: sampleTasks(200), asOf: '2026-05-05', number: 5, date: '2026-05-05' });
    },
    run: async () => {
      await renderLetterDocx(big);
    },
  },
  {
    name: 'letters.followUpHtml200',
    size: '1 công văn đôn đốc with a 200-task table → HTML',
    setup: () => {
      big = buildFollowUpLetter({ issuer: sampleIssuer, unit: { name: 'Phòng Kinh tế' }, tasks: sampleTasks(200), asOf: '2026-05-05' });
    },
    run: () => {
      renderLetterHtml(big);
    },
  },
  {
    name: 'letters.followUpBatch40',
    size: '40 units with overdue tasks (8 tasks each): build letters + render 40 .docx',
    setup: () => {
      // sampleBatchUnits skips every third unit, so 60 units yield 40 letters.
      batchUnits = sampleBatchUnits(60, 8);
    },
    run: async () => {
      const letters = buildFollowUpBatch({ issuer: sampleIssuer, asOf: '2026-05-05', units: batchUnits });
      if (letters.length !== 40) throw new Error(`expected 40 letters, got ${letters.length}`);
      for (const l of letters) await renderLetterDocx(l.letter);
    },
  },
];

export default cases;
