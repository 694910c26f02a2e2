import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { api } from '../helpers/local-api.ts';
import { freePort, startStackProcess, stopStackProcess } from '../setup/local-stack.ts';

describe('local control routes', () => {
  it('reports health when every piece answers', async () => {
    const answer = await api('/_local/health');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ok' });
  });

  it('serves the generated OpenAPI 3.1 document', async () => {
    const answer = await api<{ openapi: string; paths: Record<string, unknown> }>('/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe('3.1.0');
    expect(Object.keys(answer.body.paths)).toEqual(
      expect.arrayContaining(['/v1/feedback', '/v1/feedback/{id}', '/v1/track/{trackingToken}']),
    );
  });

  it('answers 404 for a schedule it does not know and 400 for a bad instant', async () => {
    const unknown = await api('/_local/schedules/no-such-schedule', {
      body: { now: '2026-01-01T00:00:00Z' },
    });
    const badInstant = await api('/_local/schedules/escalation-sweep', {
      body: { now: 'next tuesday' },
    });

    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'not_found' } });
    expect(badInstant.status).toBe(400);
    expect(badInstant.body).toMatchObject({
      error: { code: 'validation_error', issues: [{ path: 'now', message: 'must be an ISO-8601 instant' }] },
    });
  });
});

function javaProcessesOnPort(port: number): number {
  try {
    const out = execFileSync('pgrep', ['-f', `DynamoDBLocal.jar.*-port ${port}`], { encoding: 'utf8' });
    return out.trim().split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
}

describe('npm start lifecycle', () => {
  it('prints one ready line with the API URL and leaves no Java process after Ctrl-C', async () => {
    const [port, dynamoPort, sesPort] = [await freePort(), await freePort(), await freePort()];

    const { child, output } = await startStackProcess({
      PORT: String(port),
      DYNAMODB_PORT: String(dynamoPort),
      SES_PORT: String(sesPort),
    });
    const readyLines = output()
      .split('\n')
      .filter((line) => /\bready\b/.test(line));
    const runningJava = javaProcessesOnPort(dynamoPort);
    await stopStackProcess(child);

    expect(readyLines).toHaveLength(1);
    expect(readyLines[0]).toContain(`http://127.0.0.1:${port}`);
    expect(runningJava).toBe(1);
    expect(javaProcessesOnPort(dynamoPort)).toBe(0);
    // A whole stack start and stop: as long as startStackProcess allows for `ready` (90 s), plus the stop.
  }, 120_000);
});
