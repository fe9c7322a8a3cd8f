// The radio monitor's page (/stations): its own entry, so the identify app never loads it.
// It registers no service worker: its data is live, and the identify app's worker, once
// installed, already serves this page's files from its cache.
import { mount } from 'svelte';
import Dashboard from './Dashboard.svelte';
import '../app.css';

mount(Dashboard, { target: document.getElementById('app')! });
