import { echarts } from './echarts-setup.js';

// The province outlines, registered with ECharts as 'china' (the name ECharts' own adjustments key on: the
// 南海诸岛 inset and label positions). The GeoJSON is a static file (src/web/public/maps/china.geojson, decoded
// once from the echarts@4.9.0 npm package by scripts/decode-china-map.ts): it is fetched only when a map is
// drawn, so it weighs nothing in any page's initial JavaScript. This module itself is only reached through
// ProvinceMap's dynamic import, next to echarts-setup.

export const CHINA_MAP = 'china';

interface ChinaGeoJson {
  type: 'FeatureCollection';
  features: { properties: { id: string; name: string } }[];
}

export interface ChinaMap {
  echarts: typeof echarts;
  /** GB/T 2260 two-digit province code (11) → the map's region name (北京). */
  nameOfCode: Map<string, string>;
}

let loading: Promise<ChinaMap> | null = null;

export function loadChinaMap(): Promise<ChinaMap> {
  loading ??= fetch('/maps/china.geojson')
    .then((r) => {
      if (!r.ok) throw new Error(`China map: HTTP ${r.status}`);
      return r.json() as Promise<ChinaGeoJson>;
    })
    .then((geo) => {
      // ECharts' types want its own GeoJSON type; the file is plain GeoJSON of that shape.
      echarts.registerMap(CHINA_MAP, geo as unknown as Parameters<typeof echarts.registerMap>[1]);
      return {
        echarts,
        nameOfCode: new Map(geo.features.map((f) => [f.properties.id.slice(0, 2), f.properties.name])),
      };
    })
    .catch((err: unknown) => {
      loading = null;
      throw err;
    });
  return loading;
}
