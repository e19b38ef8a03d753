export { BUNDLED_PLUGINS_DIR, bundledManifests, syncBundledPlugins } from './bundled.ts';
export { type CatalogQuery, getPlugin, getPluginVersion, listPlugins } from './catalog.ts';
export {
  installBundledPlugins,
  installPlugin,
  listInstalls,
  pinPluginVersion,
  uninstallPlugin,
} from './installs.ts';
export { loadManifest } from './manifest-cache.ts';
export {
  BUILTIN_PARTNER_ID,
  createPartnerKey,
  looksLikePartnerKey,
  PARTNER_KEY_PREFIX,
  partnerByKey,
  signUpPartner,
} from './partners.ts';
export { type PublishResult, publishPlugin, requireValidManifest } from './publish.ts';
export { compareSemver } from './semver.ts';
