import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Popover } from 'antd';
import {
  DEFAULT_PROJECT_COLUMNS,
  PROJECT_COLUMNS,
  type ProjectColumn,
} from '../../../domain/projects/project-list.js';
import { useT } from '../../app/i18n.js';
import { projectListMessages } from './project-list.messages.js';

/** Which columns the list shows (and the export writes); the project name always stays. */
export function ProjectColumnChooser(props: {
  columns: ProjectColumn[];
  onChange: (columns: ProjectColumn[]) => void;
}) {
  const t = useT(projectListMessages);
  const content = (
    <Flex vertical gap={8} style={{ maxWidth: 360 }}>
      <Checkbox.Group<ProjectColumn>
        value={props.columns}
        // Kept in the standard order whatever order they were ticked in.
        onChange={(chosen) =>
          props.onChange(PROJECT_COLUMNS.filter((c) => c === 'name' || chosen.includes(c)))
        }
        style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 6 }}
        options={PROJECT_COLUMNS.map((c) => ({ value: c, label: t.colLabels[c], disabled: c === 'name' }))}
      />
      <Button size="small" onClick={() => props.onChange([...DEFAULT_PROJECT_COLUMNS])}>
        {t.resetColumns}
      </Button>
    </Flex>
  );
  return (
    <Popover content={content} title={t.columns} trigger="click" placement="bottomRight">
      <Button icon={<SettingOutlined />}>{t.columns}</Button>
    </Popover>
  );
}
