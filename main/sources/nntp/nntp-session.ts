// One logged-in conversation with a news server on one connection: the greeting (RFC 3977
// §5.1), CAPABILITIES (§5.2), STARTTLS where offered (RFC 4642), MODE READER (§5.3), AUTHINFO
// USER/PASS when the server answers 480 (RFC 4643 §2.3), and which group is selected (§6.1.1),
// so that callers name the group with every command and a reopened connection selects it again.
import type { NntpAddress } from './nntp-address';
import { NntpConnection, type NntpConnectionOptions, type NntpResponse } from './nntp-connection';
import { NntpError } from './nntp-errors';

export interface NntpCredentials {
  user: string;
  password: string;
}

export interface SessionOptions extends NntpConnectionOptions {
  credentials: NntpCredentials | null;
  listBytes: number;
}

export interface GroupInfo {
  name: string;
  /** Estimated article count, never more than high - low + 1. */
  count: number;
  low: number;
  high: number;
}

export class NntpSession {
  private capabilities = new Set<string>();
  private selectedGroup: GroupInfo | null = null;
  private authenticated = false;

  private constructor(
    readonly connection: NntpConnection,
    private readonly options: SessionOptions,
    /** The server's greeting (RFC 3977 §5.1.1): 200 posting allowed, 201 not. */
    readonly greeting: NntpResponse,
  ) {}

  static async open(address: NntpAddress, options: SessionOptions): Promise<NntpSession> {
    const { connection, greeting } = await NntpConnection.open(address, options);
    // 200 posting allowed, 201 not; 400 and 502 say the service is unavailable (§5.1.1).
    if (greeting.code !== 200 && greeting.code !== 201) {
      connection.close();
      throw new NntpError('unavailable', `${address.host} is not serving readers now (${greeting.code} ${greeting.text}).`, true);
    }
    const session = new NntpSession(connection, options, greeting);
    try {
      await session.readCapabilities();
      if (!session.has('READER') || session.has('MODE-READER')) {
        const mode = await session.run('MODE READER');
        if (mode.code === 400 || mode.code === 502) throw new NntpError('unavailable', `${address.host} is not serving readers now (${mode.code} ${mode.text}).`, true);
        if (mode.code === 200 || mode.code === 201) await session.readCapabilities();
      }
      // INN's nnrpd offers STARTTLS only after MODE READER, so it is asked for here.
      if (session.has('STARTTLS') && !address.tls) await session.startTls();
    } catch (error) {
      connection.close();
      throw error;
    }
    return session;
  }

  get isOpen(): boolean {
    return this.connection.isOpen;
  }

  /** Whether CAPABILITIES listed `word` (the first word of a capability line). */
  has(word: string): boolean {
    return this.capabilities.has(word);
  }

  /** Makes the next selectGroup send GROUP, for a fresh count and water marks. */
  forgetGroup(): void {
    this.selectedGroup = null;
  }

  forget(word: string): void {
    this.capabilities.delete(word);
  }

  /** Sends one command; a 480 is answered with AUTHINFO and the command sent again, once. */
  async run(command: string): Promise<NntpResponse> {
    const response = await this.connection.command(command);
    if (response.code === 400) throw this.unavailable(response);
    if (response.code !== 480) return response;
    await this.logIn();
    return this.connection.command(command);
  }

  /** Selects `name` unless it already is; 411 is a NntpError 'no-such-group'. */
  async selectGroup(name: string): Promise<GroupInfo> {
    if (this.selectedGroup?.name === name) return this.selectedGroup;
    const response = await this.run(`GROUP ${name}`);
    if (response.code === 411) throw new NntpError('no-such-group', `The server has no group ${name}.`, false);
    if (response.code !== 211) throw this.unexpected(`GROUP ${name}`, response);
    this.selectedGroup = parseGroupResponse(name, response.text);
    return this.selectedGroup;
  }

  unexpected(command: string, response: NntpResponse): NntpError {
    if (response.code === 400 || response.code === 502) return this.unavailable(response);
    return new NntpError('protocol', `${this.connection.where} answered ${command.split(' ')[0]} with ${response.code} ${response.text.slice(0, 120)}.`, false);
  }

  private unavailable(response: NntpResponse): NntpError {
    this.connection.close();
    return new NntpError('unavailable', `${this.connection.where} is not serving readers now (${response.code} ${response.text.slice(0, 120)}).`, true);
  }

  private async readCapabilities(): Promise<void> {
    const response = await this.connection.command('CAPABILITIES');
    // Servers older than RFC 3977 answer 500; they get MODE READER and XOVER.
    if (response.code !== 101) {
      this.capabilities = new Set();
      return;
    }
    const block = await this.connection.readBlock(this.options.listBytes, 'The CAPABILITIES list');
    this.capabilities = new Set(
      block
        .toString('utf8')
        .split('\r\n')
        .map((line) => line.trim().split(/\s+/)[0]?.toUpperCase() ?? '')
        .filter(Boolean),
    );
  }

  private async startTls(): Promise<void> {
    const response = await this.connection.command('STARTTLS');
    // 580 (RFC 4642 §2.2.1): the server cannot start TLS after all (INN without a certificate
    // says so). The address asked for plain nntp://, so the session goes on as it began.
    if (response.code === 580) return;
    if (response.code !== 382) throw new NntpError('tls-failed', `${this.connection.where} offered STARTTLS but answered ${response.code} ${response.text}; nothing more was sent.`, false);
    await this.connection.upgradeToTls();
    // RFC 4642 §2.2.2: capabilities learnt before TLS are discarded.
    await this.readCapabilities();
  }

  /** AUTHINFO USER/PASS (RFC 4643 §2.3), asked for by a 480 or to check a login before it is saved. */
  async logIn(): Promise<void> {
    const where = this.connection.where;
    const credentials = this.options.credentials;
    if (!credentials) throw new NntpError('auth-required', `${where} asks for a user name and password; add them to this server's settings.`, false);
    if (this.authenticated) throw new NntpError('auth-refused', `${where} asked for a password again after accepting it.`, false);
    if (/[\r\n]/.test(credentials.user + credentials.password)) throw new NntpError('auth-refused', 'A user name or password may not contain a line break.', false);
    let response = await this.connection.command(`AUTHINFO USER ${credentials.user}`);
    if (response.code === 381) response = await this.connection.command(`AUTHINFO PASS ${credentials.password}`);
    if (response.code !== 281) {
      throw new NntpError('auth-refused', `${where} refused the user name or password (${response.code} ${response.text.slice(0, 120)}); check them in this server's settings.`, false);
    }
    this.authenticated = true;
  }
}

/** "211 count low high name" (§6.1.1.2), checked: a server may claim more than its range holds. */
export function parseGroupResponse(name: string, text: string): GroupInfo {
  const [count, low, high] = text.trim().split(/\s+/).map((field) => (/^\d{1,15}$/.test(field) ? Number(field) : Number.NaN));
  if (count === undefined || low === undefined || high === undefined || [count, low, high].some(Number.isNaN)) {
    throw new NntpError('protocol', `The answer to GROUP ${name} ("211 ${text.slice(0, 80)}") does not hold a count, low and high number.`, false);
  }
  // §6.1.1.2: an empty group may report high = low - 1, or 0 0 0.
  if (high < low || count === 0) return { name, count: 0, low: Math.max(low, 1), high: Math.max(high, low - 1, 0) };
  return { name, count: Math.min(count, high - low + 1), low, high };
}
