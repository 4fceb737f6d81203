// Interpolates queries with Grafana's own frontend code, for tests/grafana/test_interpolation.py.
//
// Grafana 12/13 dashboards are scenes: templateSrv.replace() hands every query
// to @grafana/scenes sceneGraph.interpolate (versions: package-lock.json). The
// ClickHouse plugin (grafana/clickhouse-datasource v4, src/data/CHDatasource.ts)
// calls it in applyTemplateVariables with its own format function, after its
// $__conditionalAll step. The plugin is not published on npm, so those two
// plugin functions are transcribed below (applyConditionalAll, getMacroArgs,
// format); everything else is the packages' code. $__interval and
// $__interval_ms come from @grafana/data rangeUtil.calculateInterval, as the
// query runner computes them, and reach interpolation as scoped variables.
//
// stdin: [{sql, from, to, maxDataPoints, minInterval, variables: [{name, values,
//          all, multi, options}]}]   (from/to: epoch ms)
// stdout: [{sql, interval, intervalMs}]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { JSDOM } from 'jsdom';

// A browser-like global scope: @grafana/ui and @grafana/scenes touch window, document and DOM classes on load.
const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://localhost/', pretendToBeVisual: true });
for (const key of Object.getOwnPropertyNames(dom.window)) {
  if (!(key in globalThis)) {
    try {
      globalThis[key] = dom.window[key];
    } catch {
      // read-only in node (e.g. crypto): node's own is fine
    }
  }
}
// jsdom's window only takes jsdom's events: node's own Event classes must give way.
for (const key of ['Event', 'CustomEvent', 'EventTarget']) {
  globalThis[key] = dom.window[key];
}
globalThis.window = dom.window;
dom.window.matchMedia ??= () => ({ matches: false, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {} });
globalThis.matchMedia = dom.window.matchMedia;
// Layout observers jsdom lacks; nothing is laid out here.
class NoObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.IntersectionObserver ??= NoObserver;
globalThis.ResizeObserver ??= NoObserver;
// @grafana/runtime's config reads the boot data a Grafana server puts in the page.
dom.window.grafanaBootData = { settings: {}, user: {}, navTree: [] };

// The packages' CommonJS builds: their ESM builds import moment-timezone in a way node refuses.
const require = createRequire(import.meta.url);
// @grafana/ui requires its stylesheets, as a bundler would; node needs them to be nothing.
for (const ext of ['.css', '.scss', '.svg']) {
  require.extensions[ext] = () => {};
}
const { dateTime, rangeUtil } = require('@grafana/data');
const { CustomVariable, EmbeddedScene, SceneFlexLayout, SceneTimeRange, SceneVariableSet, sceneGraph } =
  require('@grafana/scenes');

// The plugin's CHDatasource.format: a list becomes 'a','b' (nothing escaped), anything else stays as it is.
function pluginFormat(value) {
  if (Array.isArray(value)) {
    return `'${value.join("','")}'`;
  }
  return value;
}

// The plugin's CHDatasource.getMacroArgs.
function getMacroArgs(query, argsIndex) {
  const args = [];
  const re = /\(|\)|,/g;
  let bracketCount = 0;
  let lastArgEndIndex = 1;
  let regExpArray;
  const argsSubstr = query.substring(argsIndex, query.length);
  while ((regExpArray = re.exec(argsSubstr)) !== null) {
    const foundNode = regExpArray[0];
    if (foundNode === '(') {
      bracketCount++;
    } else if (foundNode === ')') {
      bracketCount--;
    }
    if (foundNode === ',' && bracketCount === 1) {
      args.push(argsSubstr.substring(lastArgEndIndex, re.lastIndex - 1));
      lastArgEndIndex = re.lastIndex;
    }
    if (bracketCount === 0) {
      args.push(argsSubstr.substring(lastArgEndIndex, re.lastIndex - 1));
      return args;
    }
  }
  return [];
}

// The plugin's CHDatasource.applyConditionalAll (templateVars: what templateSrv.getVariables() lists).
function applyConditionalAll(rawQuery, templateVars) {
  if (!rawQuery) {
    return rawQuery;
  }
  const macro = '$__conditionalAll(';
  let macroIndex = rawQuery.lastIndexOf(macro);
  while (macroIndex !== -1) {
    const params = getMacroArgs(rawQuery, macroIndex + macro.length - 1);
    if (params.length !== 2) {
      return rawQuery;
    }
    const templateVarParam = params[1].trim();
    const varRegex = new RegExp(/(?<=\$\{)[\w\d]+(?=\})|(?<=\$)[\w\d]+/);
    const templateVar = varRegex.exec(templateVarParam);
    let phrase = params[0];
    if (templateVar) {
      const key = templateVars.find((x) => x.name === templateVar[0]);
      let value = key?.current.value.toString();
      if (value === '' || value === '$__all') {
        phrase = '1=1';
      }
    }
    rawQuery = rawQuery.replace(`${macro}${params[0]},${params[1]})`, phrase);
    macroIndex = rawQuery.lastIndexOf(macro);
  }
  return rawQuery;
}

function variable(v) {
  const options = v.options.map((o) => ({ label: o, value: o }));
  const value = v.all ? '$__all' : v.multi ? v.values : (v.values[0] ?? '');
  const text = v.all ? 'All' : v.multi ? v.values : (v.values[0] ?? '');
  return new CustomVariable({ name: v.name, query: '', isMulti: v.multi, includeAll: true, options, value, text });
}

function interpolate(c) {
  const variables = c.variables.map(variable);
  const scene = new EmbeddedScene({
    $timeRange: new SceneTimeRange({ from: new Date(c.from).toISOString(), to: new Date(c.to).toISOString(), timeZone: 'utc' }),
    $variables: new SceneVariableSet({ variables }),
    body: new SceneFlexLayout({ children: [] }),
  });
  const range = { from: dateTime(c.from), to: dateTime(c.to), raw: { from: dateTime(c.from), to: dateTime(c.to) } };
  const { interval, intervalMs } = rangeUtil.calculateInterval(range, c.maxDataPoints, c.minInterval ?? undefined);
  const scopedVars = { __interval: { text: interval, value: interval }, __interval_ms: { text: String(intervalMs), value: intervalMs } };
  // templateSrv.getVariables() as the plugin reads it: name and current value.
  const listed = variables.map((v) => ({ name: v.state.name, current: { value: v.getValue() === undefined ? '' : v.state.value } }));
  const sql = sceneGraph.interpolate(scene, applyConditionalAll(c.sql, listed), scopedVars, pluginFormat);
  return { sql, interval, intervalMs };
}

const cases = JSON.parse(readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(cases.map(interpolate)));
