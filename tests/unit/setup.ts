// fake-indexeddb gives the renderer's Dexie repositories a real IndexedDB implementation under Node.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { runSeed } from './seed';

// Every fast-check property in this run draws from the run's one seed (tests/unit/seed.ts).
fc.configureGlobal({ seed: runSeed().seed });
