/** How a stored blob is coded (a catalog row's `coding`): raw, or deflated without a header (RFC 1951). */
export const BLOB_CODING = { raw: 0, deflateRaw: 1 } as const;
