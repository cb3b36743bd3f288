// fake-indexeddb gives the renderer's Dexie repositories a real IndexedDB implementation under Node.
import 'fake-indexeddb/auto';
