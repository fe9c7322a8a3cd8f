export function partnerPage(apiOrigin: string, key: string, attrs?: Record<string, string>): string;
export function servePartner(port: number, render: (url: URL) => string): Promise<{ url: string; close(): Promise<void> }>;
