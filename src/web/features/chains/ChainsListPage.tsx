import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Progress, Row, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCan } from '../../app/auth.js';
import { useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { ChainModal } from './ChainModal.js';
import { useChains } from './chains.api.js';
import { chainsMessages } from './chains.messages.js';

/** The district's chains as cards: coverage, gaps, chain leaders. `?link=<id>` jumps to that link's chain. */
export function ChainsListPage() {
  const t = useT(chainsMessages);
  const can = useCan();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const linkId = params.get('link') ?? undefined;
  const jump = useChains(linkId);
  const list = useChains();
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    const chain = linkId ? jump.data?.items[0] : undefined;
    if (chain) navigate(`/network/chains/${chain.id}?link=${linkId}`, { replace: true });
  }, [linkId, jump.data, navigate]);

  const items = list.data?.items ?? [];
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t.listTitle}
        </Typography.Title>
        {can('pipeline.coordinate') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t.newChain}
          </Button>
        ) : null}
      </Flex>
      <Alert type="info" showIcon title={t.listHint} />
      <ApiErrorAlert error={list.error} />
      {list.isLoading ? <Spin /> : null}
      {!list.isLoading && items.length === 0 ? <Empty description={t.noChains} /> : null}
      <Row gutter={[16, 16]} data-testid="chain-cards">
        {items.map((c) => (
          <Col key={c.id} xs={24} md={12} xl={8}>
            <Card
              title={<Link to={`/network/chains/${c.id}`}>{c.name}</Link>}
              extra={<Link to={`/network/chains/${c.id}`}>{t.open}</Link>}
              style={{ height: '100%' }}
            >
              <Flex gap={16} align="center">
                <Progress
                  type="circle"
                  size={80}
                  percent={c.coverage ? Number(c.coverage) : 0}
                  format={() => (c.coverage ? `${c.coverage}%` : '—')}
                />
                <Flex vertical gap={2}>
                  <Typography.Text type="secondary">
                    {t.coverage} · {t.links(c.linkCount)}
                  </Typography.Text>
                  <Space size={4} wrap>
                    <Tag color="success">
                      {t.covered} {c.covered}
                    </Tag>
                    <Tag color="warning">
                      {t.inProgress} {c.inProgress}
                    </Tag>
                    <Tag color="error">
                      {t.gap} {c.gaps}
                    </Tag>
                  </Space>
                  <Typography.Text>
                    {t.chainLeaders}：{c.chainLeaderNames.length ? c.chainLeaderNames.join('、') : t.none}
                  </Typography.Text>
                </Flex>
              </Flex>
              <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
                {c.gaps > 0 ? (
                  <>
                    <Typography.Text type="danger">{t.gaps(c.gaps)}：</Typography.Text>
                    {c.gapNames.join('、')}
                  </>
                ) : (
                  <Typography.Text type="success">{t.noGaps}</Typography.Text>
                )}
              </Typography.Paragraph>
            </Card>
          </Col>
        ))}
      </Row>
      {creating ? (
        <ChainModal
          onClose={(id) => {
            setCreating(false);
            if (id) navigate(`/network/chains/${id}`);
          }}
        />
      ) : null}
    </Flex>
  );
}
