import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import type { ChainDetail, ChainLinkNode } from '../../../domain/network/chains.schemas.js';
import { CHAIN_SEGMENT_LABELS, CHAIN_SEGMENTS } from '../../../domain/network/network-codes.js';
import { useLang, useT } from '../../app/i18n.js';
import { EChart } from '../dashboard/EChart.js';
import { STATE_COLORS } from './chain-colors.js';
import { chainsMessages } from './chains.messages.js';

interface TreeNode {
  /** the link's id (what a click reports); the label shows the name */
  name: string;
  label: { formatter: string };
  itemStyle: { color: string; borderColor: string };
  tip: string;
  children?: TreeNode[];
}

const html = (s: string) => s.replace(/[&<>"{}|]/g, (c) => `&#${c.charCodeAt(0)};`);
const plain = (s: string) => s.replace(/[{}|]/g, ' ');

/**
 * The chain map: chain → segment (上游/中游/下游/配套) → links, each link coloured by its coverage state. A tree
 * (ECharts TreeChart, left to right) reads like the chain itself; wide chains scroll sideways on a phone.
 */
export function ChainMap(props: { chain: ChainDetail; onLink: (linkId: string) => void }) {
  const t = useT(chainsMessages);
  const lang = useLang();
  const { chain } = props;
  const { option, leaves } = useMemo(() => {
    const stateLabel = { covered: t.covered, in_progress: t.inProgress, gap: t.gap };
    const kids = new Map<string | null, ChainLinkNode[]>();
    for (const l of chain.links) kids.set(l.parentId, [...(kids.get(l.parentId) ?? []), l]);
    const node = (l: ChainLinkNode): TreeNode => {
      const c = l.counts;
      const tip = [
        `<b>${html(l.name)}</b> · ${stateLabel[l.state]}`,
        `${t.enterprises}：${c.chainLeaders + c.existing}`,
        `${t.leads}：${c.leads}　${t.projectsInProgress}：${c.negotiating + c.signed + c.paused}`,
        `${t.projectsOnGround}：${c.landed + c.started + c.producing}　${t.targets}：${c.targets}`,
      ].join('<br/>');
      const children = (kids.get(l.id) ?? []).map(node);
      return {
        name: l.id,
        label: { formatter: plain(l.name) },
        itemStyle: { color: STATE_COLORS[l.state], borderColor: STATE_COLORS[l.state] },
        tip,
        ...(children.length ? { children } : {}),
      };
    };
    const top = kids.get(null) ?? [];
    const segments = CHAIN_SEGMENTS.filter((s) => top.some((l) => l.segment === s)).map((s) => ({
      name: `segment:${s}`,
      label: { formatter: CHAIN_SEGMENT_LABELS[s][lang] },
      itemStyle: { color: '#8c8c8c', borderColor: '#8c8c8c' },
      tip: CHAIN_SEGMENT_LABELS[s][lang],
      children: top.filter((l) => l.segment === s).map(node),
    }));
    const root = {
      name: 'chain',
      label: { formatter: plain(chain.name), position: 'top', align: 'center', fontWeight: 'bold' },
      itemStyle: { color: '#1677ff', borderColor: '#1677ff' },
      tip: html(chain.name),
      children: segments,
    };
    const option: EChartsCoreOption = {
      tooltip: {
        trigger: 'item',
        formatter: (p: { data?: { tip?: string } }) => p.data?.tip ?? '',
      },
      series: [
        {
          type: 'tree',
          data: [root],
          orient: 'LR',
          bottom: 16,
          top: 32,
          left: 80,
          right: 150,
          symbol: 'circle',
          symbolSize: 12,
          initialTreeDepth: -1,
          expandAndCollapse: false,
          roam: false,
          label: { position: 'left', verticalAlign: 'middle', align: 'right', fontSize: 13 },
          leaves: { label: { position: 'right', verticalAlign: 'middle', align: 'left' } },
          lineStyle: { color: '#bfbfbf', width: 1.2, curveness: 0.5 },
          animationDuration: 300,
        },
      ],
    };
    return { option, leaves: Math.max(1, chain.leafCount) };
  }, [chain, lang, t]);

  return (
    <div style={{ overflowX: 'auto' }} data-testid="chain-map">
      <div style={{ minWidth: 640 }}>
        <EChart
          option={option}
          label={t.mapLabel(chain.name)}
          height={Math.max(320, leaves * 30 + 40)}
          onClick={(e) => {
            if (e.name && e.name !== 'chain' && !e.name.startsWith('segment:')) props.onLink(e.name);
          }}
        />
      </div>
    </div>
  );
}
