// Starts `ecconf-check lsp` once a document of the `ecelerity` language is open, and restarts it
// when the settings that make its command line change.
import * as path from 'path';
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, LanguageClient, ServerOptions } from 'vscode-languageclient/node';

const languageId = 'ecelerity';
let client: LanguageClient | undefined;

function settings(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('ecconf');
}

// What the server is told, at initialization and in workspace/didChangeConfiguration (under
// "ecconf"). mainFile is absolute, or "" for the default (ecelerity.conf at the workspace root):
// a relative setting is taken from the first workspace folder, which the server cannot know.
function serverSettings(): { mainFile: string } {
    const configured = settings().get<string>('mainFile', '').trim();
    const folder = vscode.workspace.workspaceFolders?.[0];
    const relative = configured !== '' && !path.isAbsolute(configured) && folder !== undefined;
    return { mainFile: relative ? path.join(folder.uri.fsPath, configured) : configured };
}

function extraPatterns(): string[] {
    return settings()
        .get<string[]>('filePatterns', [])
        .filter((pattern) => pattern.trim() !== '');
}

// A file matched by `ecconf.filePatterns` is given the language, so that it is highlighted and
// served like the files package.json names.
async function adoptIfMatching(document: vscode.TextDocument): Promise<void> {
    if (document.languageId === languageId) {
        return;
    }
    if (extraPatterns().some((pattern) => vscode.languages.match({ pattern }, document) > 0)) {
        await vscode.languages.setTextDocumentLanguage(document, languageId);
    }
}

function createClient(): LanguageClient {
    const command = settings().get<string>('path', 'ecconf-check').trim() || 'ecconf-check';
    const args = ['lsp', ...settings().get<string[]>('args', [])];
    // No transport is named: the server speaks on stdin/stdout, and TransportKind.stdio would add --stdio.
    const serverOptions: ServerOptions = { command, args };
    return new LanguageClient('ecconf', 'ecconf-check', serverOptions, {
        documentSelector: [
            { scheme: 'file', language: languageId },
            { scheme: 'untitled', language: languageId },
        ],
        initializationOptions: serverSettings(),
        // Files changed on disk but not open (a checkout) are read by every check, and .ecconf.toml holds
        // settings: the server reads them again.
        synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.conf,.ecconf.toml}') },
    });
}

async function startClient(): Promise<void> {
    const starting = createClient();
    client = starting;
    try {
        await starting.start();
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        void vscode.window.showErrorMessage(
            `ecconf: could not start '${settings().get<string>('path')} lsp' (${message}). ` +
                'Install ecconf-check, or set "ecconf.path" to where it is.',
        );
    }
}

async function stopClient(): Promise<void> {
    const running = client;
    client = undefined;
    if (running?.isRunning()) {
        await running.stop();
    }
}

async function restartClient(): Promise<void> {
    await stopClient();
    await startClient();
}

async function startForDocument(document: vscode.TextDocument): Promise<void> {
    if (client === undefined && document.languageId === languageId) {
        await startClient();
    }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    context.subscriptions.push(
        vscode.commands.registerCommand('ecconf.restartServer', restartClient),
        // Adopting a document reopens it with the new language, which starts the server.
        vscode.workspace.onDidOpenTextDocument(async (document) => {
            await adoptIfMatching(document);
            await startForDocument(document);
        }),
        vscode.workspace.onDidChangeConfiguration(async (event) => {
            if (event.affectsConfiguration('ecconf.filePatterns')) {
                await Promise.all(vscode.workspace.textDocuments.map(adoptIfMatching));
            }
            if (client === undefined) {
                return;
            }
            if (event.affectsConfiguration('ecconf.path') || event.affectsConfiguration('ecconf.args')) {
                await restartClient();
            } else if (event.affectsConfiguration('ecconf.mainFile') && client.isRunning()) {
                await client.sendNotification(DidChangeConfigurationNotification.type, {
                    settings: { ecconf: serverSettings() },
                });
            }
        }),
    );
    await Promise.all(vscode.workspace.textDocuments.map(adoptIfMatching));
    const open = vscode.workspace.textDocuments.find((document) => document.languageId === languageId);
    if (open !== undefined) {
        await startForDocument(open);
    }
}

export function deactivate(): Promise<void> {
    return stopClient();
}
