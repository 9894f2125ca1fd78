import fs from 'node:fs';
import path from 'node:path';

// npx tsx scripts/decode-china-map.ts <echarts-4.9.0/package/map/json/china.json> [out]
//
// Where the province outlines of the dashboard's map come from: the `echarts@4.9.0` npm package (Apache-2.0),
// file `map/json/china.json` — the China map ECharts shipped until version 4 (ECharts 5 and later ship no map
// data, and no maintained npm package carries China's provinces). Fetched once, without adding echarts 4 as a
// dependency:
//   cd /tmp && npm pack echarts@4.9.0 && tar xzf echarts-4.9.0.tgz package/map/json/china.json
// That file is in ECharts' compressed form ("UTF8Encoding": each ring a string of zigzag-encoded deltas, with
// `encodeOffsets`); this script decodes it once into plain GeoJSON (what echarts.registerMap documents), rounds
// coordinates to 3 decimals (the source is quantised to 1/1024 of a degree anyway) and keeps the properties the
// dashboard uses: `name` (简称: 北京, 内蒙古 …, as ECharts' own 'china' map adjustments expect) and `id`, the
// GB/T 2260 six-digit province code (110000), whose first two digits match our province codes.
// The output is src/web/public/maps/china.geojson, a static file the dashboard fetches only when it draws the map.

type Ring = string;
interface EncodedGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: Ring[] | Ring[][];
  encodeOffsets: [number, number][] | [number, number][][];
}
interface EncodedFeature {
  id: string;
  properties: { id: string; name: string; cp?: [number, number] };
  geometry: EncodedGeometry;
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/** ECharts 4's decodePolygon (src/coord/geo/parseGeoJson.js): zigzag-decoded deltas from the offset, ÷ scale. */
function decodeRing(ring: Ring, offset: [number, number], scale: number): [number, number][] {
  const out: [number, number][] = [];
  let [px, py] = offset;
  for (let i = 0; i < ring.length; i += 2) {
    let x = ring.charCodeAt(i) - 64;
    let y = ring.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += px;
    y += py;
    px = x;
    py = y;
    out.push([round(x / scale), round(y / scale)]);
  }
  return out;
}

function main() {
  const [src, dest = path.resolve(import.meta.dirname, '../src/web/public/maps/china.geojson')] =
    process.argv.slice(2);
  if (!src) throw new Error('Usage: decode-china-map.ts <package/map/json/china.json> [out]');
  const json = JSON.parse(fs.readFileSync(src, 'utf8')) as {
    UTF8Encoding?: boolean;
    UTF8Scale?: number;
    features: EncodedFeature[];
  };
  if (!json.UTF8Encoding) throw new Error('Expected the UTF8Encoding form of echarts 4 map data');
  const scale = json.UTF8Scale ?? 1024;
  const features = json.features.map((f) => {
    const g = f.geometry;
    const coordinates =
      g.type === 'Polygon'
        ? (g.coordinates as Ring[]).map((r, i) =>
            decodeRing(r, (g.encodeOffsets as [number, number][])[i]!, scale),
          )
        : (g.coordinates as Ring[][]).map((poly, i) =>
            poly.map((r, j) => decodeRing(r, (g.encodeOffsets as [number, number][][])[i]![j]!, scale)),
          );
    return {
      type: 'Feature',
      id: f.properties.id,
      properties: { id: f.properties.id, name: f.properties.name, cp: f.properties.cp },
      geometry: { type: g.type, coordinates },
    };
  });
  fs.writeFileSync(dest, `${JSON.stringify({ type: 'FeatureCollection', features })}\n`);
  console.log(`${features.length} provinces → ${dest} (${fs.statSync(dest).size} bytes)`);
}

main();
