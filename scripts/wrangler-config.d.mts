export function d1Bindings(root: string): string[];
export function placeholderIds(root: string): string[];
