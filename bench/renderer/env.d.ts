// Only import.meta.glob/env from Vite (the bench page is built by Vite); the rest of vite/client
// would pull DOM-only names into the Node typecheck, which covers bench/**. importMeta.d.ts is a
// global augmentation script, so it cannot be imported, only referenced.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../node_modules/vite/types/importMeta.d.ts" />
