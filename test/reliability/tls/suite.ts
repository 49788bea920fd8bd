/**
 * The TLS suite. A server presenting an untrusted, an expired or a wrong-host certificate is refused — directly and
 * through a CONNECT proxy — with a NetworkError that says why, before any HTTP request is sent; a valid one is
 * accepted (the control). Then the same probes in child processes under NODE_TLS_REJECT_UNAUTHORIZED=0 (decided:
 * no effect, because the transport passes rejectUnauthorized: true explicitly) and NODE_EXTRA_CA_CERTS (an explicit,
 * documented way to add trust, which the transport honours).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createCertificateAuthority, issueServerCertificate } from '../../../src/emulator/certs.js';
import { testPki } from '../../support/pki.js';
import { addFailure, newReport, type SuiteReport } from '../report.js';
import { expiredServerCertificate, wrongHostServerCertificate } from './certificates.js';
import { probe, type ProbeInput, type ProbeResult } from './probe.js';

interface Case {
  name: string;
  input: ProbeInput;
  /** What the message must say, or undefined when the call must succeed. */
  refusal?: RegExp;
}

function cases(): Case[] {
  const pki = testPki();
  const base = { client: pki.client, ca: pki.ca.cert };
  const flawed: Array<[string, { key: string; cert: string }, RegExp, string?]> = [
    ['untrusted CA', pki.untrustedServer, /not trusted/],
    ['expired', expiredServerCertificate(pki.ca), /expired/],
    ['wrong host name', wrongHostServerCertificate(pki.ca), /not issued for/],
    ['wrong host name (localhost)', wrongHostServerCertificate(pki.ca), /not issued for/, 'localhost'],
  ];
  const out: Case[] = [];
  for (const viaProxy of [false, true]) {
    const route = viaProxy ? 'through a CONNECT proxy' : 'direct';
    out.push({ name: `valid certificate, ${route} (control)`, input: { ...base, server: pki.server, viaProxy } });
    for (const [name, server, refusal, host] of flawed) out.push({ name: `${name}, ${route}`, input: { ...base, server, viaProxy, ...(host ? { host } : {}) }, refusal });
  }
  return out;
}

function judge(report: SuiteReport, name: string, result: ProbeResult, refusal: RegExp | undefined): void {
  const verdict = refusal === undefined
    ? (result.ending === 'value' ? 'accepted' : `FAILED ${result.message}`)
    : (result.ending === 'NetworkError' && refusal.test(result.message) && result.requestsReceived === 0 ? 'refused' : `NOT REFUSED AS EXPECTED: ${result.ending} ${result.message}`);
  report.figures.push([name, `${verdict}${refusal && verdict === 'refused' ? ` (${/\(([A-Z_]+)\)/.exec(result.message)?.[1] ?? result.message.slice(0, 60)})` : ''}; requests received ${result.requestsReceived}`]);
  if (verdict !== 'accepted' && verdict !== 'refused') addFailure(report, `${name}: ${verdict}`);
}

async function inChild(inputs: ProbeInput[], env: Record<string, string>): Promise<ProbeResult[]> {
  const script = fileURLToPath(new URL('./env-child.js', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script], {
    env: { ...process.env, ...env, RELIABILITY_TLS_CHILD: JSON.stringify(inputs), HTTPS_PROXY: '', HTTP_PROXY: '' }, timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ProbeResult[];
}

export async function tlsSuite(): Promise<SuiteReport> {
  const report = newReport('TLS verification');
  const all = cases();
  for (const c of all) judge(report, c.name, await probe(c.input), c.refusal);
  const flawed = all.filter((c) => c.refusal !== undefined);
  const withEnv = await inChild(flawed.map((c) => c.input), { NODE_TLS_REJECT_UNAUTHORIZED: '0' });
  flawed.forEach((c, i) => judge(report, `NODE_TLS_REJECT_UNAUTHORIZED=0: ${c.name}`, withEnv[i]!, c.refusal));
  await extraCaChild(report);
  report.notes.push('no option or environment variable of the SDK turns verification off: `ca` only adds trust, proxy TLS is verified too, and NODE_TLS_REJECT_UNAUTHORIZED=0 changes nothing (Node still prints its warning about it)');
  return report;
}

/** NODE_EXTRA_CA_CERTS naming a second CA: an explicit, documented way to add trust, honoured with or without `ca`. */
async function extraCaChild(report: SuiteReport): Promise<void> {
  const pki = testPki();
  const otherCa = createCertificateAuthority('Reliability Extra CA');
  const server = issueServerCertificate(otherCa);
  const dir = mkdtempSync(join(tmpdir(), 'rel-tls-'));
  try {
    const file = join(dir, 'extra-ca.pem');
    writeFileSync(file, otherCa.cert);
    const inputs: ProbeInput[] = [
      { server, client: pki.client, viaProxy: false },
      { server, client: pki.client, ca: pki.ca.cert, viaProxy: false },
      { server: expiredServerCertificate(otherCa), client: pki.client, viaProxy: false },
    ];
    const [bare, withCa, expired] = await inChild(inputs, { NODE_EXTRA_CA_CERTS: file });
    report.figures.push(['NODE_EXTRA_CA_CERTS=<second CA>, no `ca` option', `${bare!.ending === 'value' ? 'accepted' : `${bare!.ending} ${bare!.message.slice(0, 80)}`}`]);
    report.figures.push(['NODE_EXTRA_CA_CERTS=<second CA>, with `ca` option', `${withCa!.ending === 'value' ? 'accepted' : `${withCa!.ending} ${withCa!.message.slice(0, 80)}`}`]);
    judge(report, 'NODE_EXTRA_CA_CERTS=<second CA>: expired certificate of that CA', expired!, /expired/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
