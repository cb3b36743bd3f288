/**
 * The preload exposes one object, `window.api`, whose only member is a pipe that accepts
 * the channels of the shared contract. It never exposes ipcRenderer itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { makeBridge } from '@shared/ipc/api';

const bridge = makeBridge((channel, request) => ipcRenderer.invoke(channel, request));
contextBridge.exposeInMainWorld('api', { invoke: bridge.invoke });
