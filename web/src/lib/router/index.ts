// The app's router: views and their URLs (routes.ts), navigation and focus (router.svelte.ts).
export { pathOf, routeOf, type Route, type View } from './routes';
export { navigate, router, startRouter, viewHeading } from './router.svelte';
