import { Table, Typography } from 'antd';
import {
  EMPTY_CELL,
  formatCell,
  formatPercent,
  formatRank,
  MONEY_FOOTNOTE_USD,
} from '../../../domain/bulletins/format.js';
import type { BulletinSnapshot } from '../../../domain/bulletins/snapshot.js';

// A plain rendering of a snapshot, until the official-document component (BulletinDocument) lands.
export function SnapshotPreview({ snapshot: s }: { snapshot: BulletinSnapshot }) {
  const name = new Map(s.units.map((u) => [u.id, u.name]));
  return (
    <div>
      <Typography.Title level={3} style={{ textAlign: 'center', color: '#c00' }}>
        {s.issuingBody}
      </Typography.Title>
      {s.docNumber ? <div style={{ textAlign: 'center' }}>{s.docNumber}</div> : null}
      <Typography.Title level={4} style={{ textAlign: 'center' }}>
        {s.title}
      </Typography.Title>
      {s.narrative.map((sec) => (
        <div key={sec.heading}>
          <Typography.Title level={5}>{sec.heading}</Typography.Title>
          {sec.paragraphs.map((p) => (
            <Typography.Paragraph key={p}>{p}</Typography.Paragraph>
          ))}
        </div>
      ))}
      {s.indicators.map((tb) => (
        <div key={tb.key} style={{ marginBottom: 16 }}>
          <Typography.Title level={5}>{tb.name}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="unitId"
            dataSource={[...tb.rows, tb.district]}
            columns={[
              { title: '单位', key: 'u', render: (_, r) => (r.unitId ? name.get(r.unitId) : '全区') },
              { title: '目标', key: 't', render: (_, r) => formatCell(r.target, tb.unit) },
              { title: '本期', key: 'p', render: (_, r) => formatCell(r.period, tb.unit) },
              { title: '累计', key: 'c', render: (_, r) => formatCell(r.cumulative, tb.unit) },
              {
                title: '完成率',
                key: 'r',
                render: (_, r) => (r.completion ? formatPercent(r.completion) : EMPTY_CELL),
              },
              { title: '排名', key: 'k', render: (_, r) => formatRank(r.rank) },
            ]}
          />
        </div>
      ))}
      <Typography.Text type="secondary">{MONEY_FOOTNOTE_USD}</Typography.Text>
    </div>
  );
}
