/**
 * IaasClient: the service management client of the old documents, on top of the generated typed client. Each
 * documented method (and its camelCase alias) lines up its arguments, maps them onto one generated operation's
 * input, and reports the outcome as the documents' response object, to a callback or as a promise.
 */
import { ServiceManagementClient } from '../../generated/client.js';
import { serviceShape } from '../../generated/service.js';
import type { ResponseInfo } from '../client/client.js';
import type { CertificateCredential } from '../client/credentials.js';
import type { ProxyOption } from '../client/proxy.js';
import { callArguments } from './arguments.js';
import { credentialFromAuth } from './auth.js';
import { firstLocation } from './default-location.js';
import { osDiskMediaLink } from './default-media-link.js';
import { connectionSettings, type ConnectionSettings } from './host-options.js';
import MethodNames from './method-names.cjs';
import { legacyMethods, type LegacyMethod } from './methods/index.js';
import { proxyFromAddress, proxyFromEnvironment, proxyFromUrl } from './proxy-settings.js';
import { requestSummary } from './request-summary.js';
import { failureResponse, successResponse } from './response-object.js';
import type { AliasMethods, Auth, HostOptions, LegacyMethods, ProxyAddress, RequestSummary, ResponseObject } from './types.js';

const USER_AGENT = 'asm-sdk-compat/0.1';

export interface IaasClient extends LegacyMethods, AliasMethods {}

export class IaasClient {
  readonly subscriptionId: string;
  readonly #credential: CertificateCredential;
  readonly #settings: ConnectionSettings;
  #proxy: ProxyOption;
  #client: ServiceManagementClient | undefined;
  #location: Promise<string | undefined> | undefined;

  /** Throws when the subscription id is missing, an option is invalid, or no certificate can be loaded. */
  constructor(subscriptionId: string, auth?: Auth | null, options?: HostOptions | null) {
    if (typeof subscriptionId !== 'string' || subscriptionId.trim() === '') throw new TypeError('subscriptionId is required (a non-empty string)');
    this.subscriptionId = subscriptionId.trim();
    this.#settings = connectionSettings(options);
    this.#credential = credentialFromAuth(auth);
    // Read once, now: the documents describe the environment as the default at construction.
    this.#proxy = proxyFromEnvironment(this.#settings.endpoint);
  }

  /** The x-ms-version sent; assignable, as in azure@0.7.x. */
  get apiversion(): string {
    return this.#settings.apiVersion ?? serviceShape.apiVersion;
  }

  set apiversion(version: string) {
    this.#settings.apiVersion = version;
    this.#replaceClient();
  }

  /** The typed client the methods call, for moving a program over one call at a time. */
  get typedClient(): ServiceManagementClient {
    this.#client ??= new ServiceManagementClient({
      subscriptionId: this.subscriptionId,
      credential: this.#credential,
      endpoint: this.#settings.endpoint.origin,
      serializeType: this.#settings.serializeType,
      proxy: this.#proxy,
      userAgent: USER_AGENT,
      ...(this.#settings.apiVersion !== undefined ? { apiVersion: this.#settings.apiVersion } : {}),
      ...(this.#settings.ca !== undefined ? { ca: this.#settings.ca } : {}),
    });
    return this.#client;
  }

  /** The second document's spelling of setProxyUrl. */
  SetProxyUrl(url: string | ProxyAddress | null, isHttps?: boolean): void {
    this.setProxyUrl(url, isHttps);
  }

  /** A proxy URL (http://host:port, credentials allowed), or null for none; overrides HTTPS_PROXY/HTTP_PROXY. */
  setProxyUrl(url: string | ProxyAddress | null, isHttps?: boolean): void {
    this.#useProxy(proxyFromUrl(url, isHttps));
  }

  /** A proxy by parts: { host, port, proxyAuth: 'user:password' }; isHttps when the proxy itself speaks TLS. */
  setProxy(address: ProxyAddress | null, isHttps?: boolean): void {
    this.#useProxy(proxyFromAddress(address, isHttps));
  }

  /** Closes the keep-alive connections (requests under way finish first). */
  close(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    return client ? client.close() : Promise.resolve();
  }

  #useProxy(proxy: ProxyOption): void {
    this.#proxy = proxy;
    this.#replaceClient();
  }

  /** Settings are fixed per typed client: the next call builds a new one; the old one closes once idle. */
  #replaceClient(): void {
    const old = this.#client;
    this.#client = undefined;
    void old?.close().catch(() => undefined);
  }

  #defaultLocation(client: ServiceManagementClient): Promise<string | undefined> {
    if (this.#settings.location !== undefined) return Promise.resolve(this.#settings.location);
    this.#location ??= firstLocation(client).then((name) => {
      // Not remembered when the list could not be read: the next creation asks again.
      if (name === undefined) this.#location = undefined;
      return name;
    });
    return this.#location;
  }

  #summary(method: LegacyMethod, input: object | undefined): RequestSummary | undefined {
    return requestSummary(method.operation, input, {
      endpoint: this.#settings.endpoint, subscriptionId: this.subscriptionId, apiVersion: this.apiversion,
      serializeType: this.#settings.serializeType,
    });
  }

  async #run(method: LegacyMethod, values: unknown[]): Promise<ResponseObject> {
    const client = this.typedClient;
    let input: object | undefined;
    let info: ResponseInfo | undefined;
    try {
      input = method.input(values);
      if (method.complete) {
        input = await method.complete(input, {
          defaultLocation: () => this.#defaultLocation(client),
          osDiskMediaLink: (serviceName, roleName) => osDiskMediaLink(client, serviceName, roleName),
        });
      }
      const result = await method.send(client, input, { onResponse: (response) => { info = response; } });
      return successResponse(method.operation, result, info, this.#summary(method, input));
    } catch (err) {
      return failureResponse(err, info, this.#summary(method, input));
    }
  }

  #invoke(name: string, method: LegacyMethod, args: unknown[]): Promise<ResponseObject> | undefined {
    const { values, callback } = callArguments(name, method.args, method.reshape ? method.reshape(args) : args);
    const outcome = this.#run(method, values);
    if (callback === undefined) return outcome;
    // Called outside the promise chain, so that an exception thrown by the callback surfaces as the program's own.
    void outcome.then((rsp) => process.nextTick(callback, rsp));
    return undefined;
  }

  static {
    const install = (name: string, method: LegacyMethod): void => {
      Object.defineProperty(IaasClient.prototype, name, {
        value: function (this: IaasClient, ...args: unknown[]) {
          return this.#invoke(name, method, args);
        },
        writable: true,
        configurable: true,
      });
    };
    for (const name of MethodNames.DOCUMENTED) install(name, legacyMethods[name]);
    for (const [alias, name] of Object.entries(MethodNames.ALIASES)) install(alias, legacyMethods[name]);
  }
}
