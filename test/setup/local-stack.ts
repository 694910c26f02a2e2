import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../infra/local/local-tools.ts';

export interface LocalStackUnderTest {
  apiUrl: string;
  dynamoDbEndpoint: string;
  sesUrl: string;
  apiKey: string;
  staffToken: string;
  /** An `agent` of the default team `service-desk` (contract §7), id `agent@example.com`. */
  agentToken: string;
  /** A lead of `service-desk`, a lead of a team that holds nothing, and an analyst. */
  leadToken: string;
  otherLeadToken: string;
  analystToken: string;
  escalationEmails: string[];
  /** Everything the stack process printed (its functions' logs included). */
  logFile: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    localStack: LocalStackUnderTest;
  }
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * Deploy-time configuration of the shared integration stack (`LOCAL_CONFIG`). Its holidays let
 * `npm run test:clock` run the suite on a configured holiday (1 October 2026) and the eve of one
 * (31 December 2026); tests that compute deadlines read this calendar, never the default one.
 */
export const INTEGRATION_CONFIG = {
  calendar: {
    timezone: 'Asia/Shanghai',
    holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07', '2027-01-01'],
  },
};

export { freePort };

/** Starts `infra/local/start.ts` (what `npm start` runs) and resolves on its `ready` line. */
export async function startStackProcess(
  env: Record<string, string>,
  logFile?: string,
): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const record = (chunk: Buffer) => {
    output += chunk.toString();
    if (logFile) appendFileSync(logFile, chunk);
  };
  child.stdout?.on('data', record);
  child.stderr?.on('data', record);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local stack not ready in 90 s:\n${output}`)), 90_000);
    const onData = () => {
      if (/\bready\b/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local stack exited (${code}) before ready:\n${output}`));
    });
  });
  return { child, output: () => output };
}

/** Stops a stack process the way Ctrl-C does and waits for it to exit. */
export async function stopStackProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  await exited;
}

export default async function setup(project: TestProject) {
  const [port, dynamoDbPort, sesPort] = [await freePort(), await freePort(), await freePort()];
  const stack: LocalStackUnderTest = {
    apiUrl: `http://127.0.0.1:${port}`,
    dynamoDbEndpoint: `http://127.0.0.1:${dynamoDbPort}`,
    sesUrl: `http://127.0.0.1:${sesPort}`,
    apiKey: 'integration-key',
    staffToken: 'integration-staff-token',
    agentToken: 'integration-agent-token',
    leadToken: 'integration-lead-token',
    otherLeadToken: 'integration-other-lead-token',
    analystToken: 'integration-analyst-token',
    escalationEmails: ['lead@example.com', 'manager@example.com'],
    logFile: path.join(mkdtempSync(path.join(tmpdir(), 'feedback-stack-')), 'local-stack.log'),
  };
  const { child } = await startStackProcess(
    {
      PORT: String(port),
      DYNAMODB_PORT: String(dynamoDbPort),
      SES_PORT: String(sesPort),
      LOCAL_API_KEY: stack.apiKey,
      LOCAL_STAFF_TOKEN: stack.staffToken,
      LOCAL_STAFF_TOKENS: JSON.stringify({
        [stack.agentToken]: { id: 'agent@example.com', role: 'agent', teams: ['service-desk'] },
        [stack.leadToken]: { id: 'desk-lead@example.com', role: 'lead', teams: ['service-desk'] },
        [stack.otherLeadToken]: { id: 'other-lead@example.com', role: 'lead', teams: ['elsewhere'] },
        [stack.analystToken]: { id: 'analyst@example.com', role: 'analyst' },
      }),
      ESCALATION_EMAILS: stack.escalationEmails.join(','),
      LOCAL_CONFIG: JSON.stringify(INTEGRATION_CONFIG),
      // Info logs on, so the privacy test reads every log line a run writes.
      LOG_LEVEL: 'INFO',
    },
    stack.logFile,
  );
  project.provide('localStack', stack);
  return async () => stopStackProcess(child);
}
