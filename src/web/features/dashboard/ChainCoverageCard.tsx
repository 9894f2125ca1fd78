import { Card, Empty, Flex, Progress, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../app/i18n.js';
import { useChains } from '../chains/chains.api.js';
import { dashboardMessages } from './dashboard.messages.js';

/**
 * How much of each industrial chain the district has covered (the chains page's own figures: covered leaf
 * links ÷ leaf links) and how many links are still blank (补链), each opening the chain's map.
 */
export function ChainCoverageCard() {
  const t = useT(dashboardMessages);
  const chains = useChains();
  const list = (chains.data?.items ?? []).filter((c) => c.leafCount > 0);
  return (
    <Card size="small" title={t.chainCoverage} loading={chains.isLoading} data-testid="chain-coverage">
      {list.length === 0 ? (
        <Empty description={t.noChains} />
      ) : (
        <Flex vertical gap={8}>
          {list.map((c) => (
            <Link key={c.id} to={`/network/chains/${c.id}`}>
              <Flex justify="space-between" wrap gap={4}>
                <Typography.Text>{c.name}</Typography.Text>
                <span>
                  {c.gaps > 0 ? <Tag color="red">{t.chainGaps(c.gaps)}</Tag> : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t.chainCovered(c.covered, c.leafCount)}
                  </Typography.Text>
                </span>
              </Flex>
              <Progress
                percent={Number(c.coverage ?? 0)}
                size="small"
                format={() => `${c.coverage ?? '—'}%`}
              />
            </Link>
          ))}
        </Flex>
      )}
    </Card>
  );
}
