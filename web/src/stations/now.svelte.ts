// The time "12 s ago" is counted from, ticking every second so every such line stays true.
export const clock = $state({ now: Date.now() });

setInterval(() => (clock.now = Date.now()), 1000);
