// What both hosts start: the embedded sample forum and the services bound to it.
import { startSampleForum, type SampleForum } from './sample-forum/server';
import { createServices, type ServiceDeps, type Services } from './services';

export interface Booted {
  services: Services;
  sampleForum: SampleForum;
  close(): Promise<void>;
}

export async function bootServices(
  options: Pick<ServiceDeps, 'version' | 'host' | 'emit' | 'openExternal' | 'log' | 'http'> & { dataDir: string; sampleForumPort?: number },
): Promise<Booted> {
  const sampleForum = await startSampleForum({ dataDir: options.dataDir, port: options.sampleForumPort ?? 0 });
  const services = createServices({ ...options, sampleForumUrl: sampleForum.url });
  return {
    services,
    sampleForum,
    close: async () => {
      await services.close();
      await sampleForum.close();
    },
  };
}

