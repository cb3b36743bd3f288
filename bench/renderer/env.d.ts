// Only import.meta.glob/env from Vite (the bench page is built by Vite); the rest of vite/client
// would pull DOM-only names into the Node typecheck, which covers bench/**.
/// <reference path="../../node_modules/vite/types/importMeta.d.ts" />
