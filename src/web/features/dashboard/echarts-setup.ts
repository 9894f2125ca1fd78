// Only the chart types and components the dashboards draw, on the canvas renderer: this module is imported
// dynamically by EChart, so none of it is in the app's initial bundle.
import { BarChart, FunnelChart, LineChart, MapChart, TreeChart } from 'echarts/charts';
import {
  GeoComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  FunnelChart,
  LineChart,
  MapChart,
  // the industrial chain map (features/chains)
  TreeChart,
  GeoComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  CanvasRenderer,
]);

export { echarts };
