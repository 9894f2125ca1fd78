import { Button, Card, Flex, Input, Tabs, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/i18n.js';
import { MONO } from './FormulaText.js';
import { useFunctionHelp } from './schemes.api.js';
import { schemesMessages } from './schemes.messages.js';

/** The formula language at hand: every function with its help and example, and the indicators to name. */
export function HelpPanel({ onInsert }: { onInsert?: (text: string, caretBack?: number) => void }) {
  const t = useT(schemesMessages);
  const help = useFunctionHelp();
  const [filter, setFilter] = useState('');
  const f = filter.trim().toLowerCase();
  const functions = (help.data?.functions ?? []).filter(
    (x) => !f || x.name.includes(f) || x.zh.includes(f) || x.signature.toLowerCase().includes(f),
  );
  const indicators = (help.data?.indicators ?? []).filter(
    (x) => !f || x.key.includes(f) || x.name.includes(f),
  );
  const insertButton = (text: string, caretBack = 0) =>
    onInsert ? (
      <Tooltip title={t.insertHint}>
        <Button size="small" type="link" onClick={() => onInsert(text, caretBack)}>
          {t.insert}
        </Button>
      </Tooltip>
    ) : null;
  return (
    <Card size="small" title={t.helpTitle} loading={help.isLoading} style={{ position: 'sticky', top: 16 }}>
      <Input.Search allowClear size="small" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <Tabs
        size="small"
        items={[
          {
            key: 'functions',
            label: t.functions,
            children: (
              <Flex
                vertical
                gap={10}
                style={{ maxHeight: 560, overflowY: 'auto' }}
                data-testid="function-help"
              >
                {functions.map((x) => (
                  <div key={x.name}>
                    <Flex justify="space-between" align="center">
                      <Typography.Text strong style={MONO}>
                        {x.signature}
                      </Typography.Text>
                      {insertButton(
                        x.name === 'time_progress' ? 'time_progress()' : `${x.name}()`,
                        x.name === 'time_progress' ? 0 : 1,
                      )}
                    </Flex>
                    <Typography.Paragraph type="secondary" style={{ marginBottom: 2 }}>
                      {x.zh}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ ...MONO, fontSize: 12 }}>
                      {t.example} {x.example}
                    </Typography.Text>
                  </div>
                ))}
              </Flex>
            ),
          },
          {
            key: 'indicators',
            label: t.indicators,
            children: (
              <Flex vertical gap={6} style={{ maxHeight: 560, overflowY: 'auto' }}>
                {indicators.map((x) => (
                  <Flex key={x.key} justify="space-between" align="center">
                    <Tooltip title={x.definition}>
                      <span>
                        {x.name}{' '}
                        <Typography.Text type="secondary" style={{ ...MONO, fontSize: 12 }}>
                          {x.key}
                        </Typography.Text>
                      </span>
                    </Tooltip>
                    {insertButton(x.name)}
                  </Flex>
                ))}
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}
