import { Drawer, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { IndicatorKey } from '../../../domain/indicators/catalogue.js';
import type { DrillRowView, DrillView } from '../../../domain/targets/targets.schemas.js';
import { useLang, useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { type DrillQuery, useCatalogue, useDrill } from './targets.api.js';
import { targetsMessages } from './targets.messages.js';
import { showFigure } from './targets-format.js';

type Part = Pick<DrillView, 'indicator' | 'rows'>;

function PartTable({ part, title }: { part: Part; title?: string }) {
  const t = useT(targetsMessages);
  return (
    <>
      {title ? <Typography.Title level={5}>{title}</Typography.Title> : null}
      <Table<DrillRowView>
        size="small"
        rowKey="id"
        pagination={part.rows.length > 50 ? { pageSize: 50 } : false}
        dataSource={part.rows}
        locale={{ emptyText: t.drillEmpty }}
        columns={[
          {
            title: t.drillName,
            render: (_, r) => (r.projectId ? <Link to={`/projects/${r.projectId}`}>{r.name}</Link> : r.name),
          },
          { title: t.drillDetail, render: (_, r) => r.detail ?? '' },
          {
            title: t.drillValue,
            align: 'right',
            render: (_, r) => showFigure(part.indicator as IndicatorKey, r.value),
          },
        ]}
      />
    </>
  );
}

/** The records behind one unit's figure: each with its share, opening its project. */
export function DrillDrawer(props: { query: DrillQuery | null; unitName: string; onClose: () => void }) {
  const t = useT(targetsMessages);
  const lang = useLang();
  const catalogue = useCatalogue();
  const drill = useDrill(props.query);
  const name = catalogue.data?.find((e) => e.key === props.query?.indicator)?.name[lang] ?? '';
  const d = drill.data;
  return (
    <Drawer
      open={props.query !== null}
      onClose={props.onClose}
      size="large"
      title={t.drillTitle(props.unitName, name)}
      loading={drill.isPending && props.query !== null}
    >
      <ApiErrorAlert error={drill.error} />
      {props.query ? (
        <Typography.Paragraph type="secondary">
          {props.query.from} ~ {props.query.to}
        </Typography.Paragraph>
      ) : null}
      {d?.numerator && d.denominator ? (
        <>
          <PartTable part={d.numerator} title={t.numerator} />
          <PartTable part={d.denominator} title={t.denominator} />
        </>
      ) : d ? (
        <PartTable part={d} />
      ) : null}
    </Drawer>
  );
}
