// What both hosts start: the embedded sample forum and the services bound to it.
import { join } from 'node:path';
import { AccountStore } from './accounts/account-store';
import { createKeyFileCipher, type SecretCipher } from './accounts/secret-cipher';
import { startSampleForum, type SampleForum } from './sample-forum/server';
import { createServices, type ServiceDeps, type Services } from './services';

export interface Booted {
  services: Services;
  sampleForum: SampleForum;
  close(): Promise<void>;
}

export async function bootServices(
  options: Pick<ServiceDeps, 'version' | 'host' | 'emit' | 'openExternal' | 'log' | 'http' | 'showNotification' | 'takeOpenRequests'> & {
    dataDir: string;
    sampleForumPort?: number;
    /** How new account keys are sealed: the Electron host passes the OS keychain; a key file otherwise (and always for the sample forum's). */
    secretCipher?: SecretCipher;
  },
): Promise<Booted> {
  const sampleForum = await startSampleForum({ dataDir: options.dataDir, port: options.sampleForumPort ?? 0 });
  const accountsDir = join(options.dataDir, 'accounts');
  const keyFile = createKeyFileCipher(accountsDir);
  const accounts = new AccountStore({ dir: accountsDir, cipher: options.secretCipher ?? keyFile, local: keyFile, warn: (message) => (options.log ?? console).warn(message) });
  const services = createServices({ ...options, sampleForumUrl: sampleForum.url, accounts, sampleForumApiKey: sampleForum.apiKey });
  await services.ready.catch(async (error: unknown) => {
    await sampleForum.close();
    throw error;
  });
  return {
    services,
    sampleForum,
    close: async () => {
      await services.close();
      await sampleForum.close();
    },
  };
}

