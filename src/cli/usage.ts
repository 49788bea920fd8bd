/**
 * The command line's help texts and its usage error: a wrong argument names the argument and the rule, and
 * exits 2 (see main.ts).
 */

/** A command line that cannot run: exit status 2, the message on stderr with the command's usage. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(message: string, readonly usage: string) {
    super(message);
  }
}

export const MAIN_HELP = `usage: asm-sdk <command> [arguments]

commands:
  validate <Operation> <file|->   check a payload against the spec (the rules the client and the emulator apply)
  operations [filter]             list the operations: name, verb, path, and whether they are asynchronous
  call <Operation>                send an operation and print its typed result as JSON
  emulator                        run the local HTTPS emulator of the API

asm-sdk <command> --help shows a command's arguments.`;

export const VALIDATE_HELP = `usage: asm-sdk validate <Operation> <file|-> [--as request|response|input] [--format xml|json] [--status <code>] [--json]

Checks a document against the operation's spec: well-formedness, root element, element names and order, required
members, types, value sets, ranges and the rules between members. With - the document is read from stdin.
  --as request    (default) a request body, held to every input rule (what the emulator refuses on receipt)
  --as response   a response body: response-only members allowed; unknown elements, order and namespace are warnings
  --as input      a typed input as JSON (what the client checks before sending; see asm-sdk call --input)
  --format        xml or json; default json for a .json file or text starting with { or [, else xml
  --status        for --as response: the status whose body it is (default: the first with a body)
  --json          print { operation, valid, issues, warnings } as JSON instead of lines
Prints each issue as "path: rule (message)". Exit status: 0 valid, 1 invalid, 2 usage or unreadable input.`;

export const OPERATIONS_HELP = `usage: asm-sdk operations [filter] [--json]

Lists every operation of the spec as "name  VERB path  sync|async"; a filter keeps those whose name or path
contains it (in any case).`;

export const CALL_HELP = `usage: asm-sdk call <Operation> [--input <file.json|->] [--wait] [--publish-settings <file> [--subscription <id|name>]]
                   [--subscription <id>] [--endpoint <url>] [--ca <file.pem>] [--timeout-ms <ms>]

Sends the operation with the typed input in --input (JSON, as the client takes it: the API's member names, plain
text for base64 members, ISO 8601 dates) and prints the typed result as JSON. An asynchronous operation prints
its request id once accepted; with --wait it waits for completion, showing each status read on stderr.
Credentials, first match wins:
  --publish-settings <file>  the certificate, subscription and endpoint of a .publishsettings file
                             (--subscription chooses one by id or name when it holds several)
  the environment            CLIENT_AUTH_KEYFILE/CLIENT_AUTH_CERTFILE, AZURE_KEYFILE/AZURE_CERTFILE, or priv.pem and
                             pub.pem in the working directory; the subscription from --subscription or
                             AZURE_SUBSCRIPTION_ID, the endpoint from --endpoint or AZURE_MANAGEMENT_ENDPOINT
  --ca <file.pem>            a CA to trust besides the system's (e.g. the emulator's ca.pem)
Exit status: 0 done, 1 the service refused or the call failed, 2 usage, unreadable input or invalid input.`;
