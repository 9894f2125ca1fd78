import { DeleteOutlined, DownOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Form, Input, type MenuProps, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { SavedView, SavedViewList } from '../../../domain/saved-views/saved-views.schemas.js';
import { useT } from '../../app/i18n.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { useDeleteView, useSavedViews, useSaveView } from './saved-views.api.js';
import { savedViewsMessages } from './saved-views.messages.js';

/**
 * 我的视图: a person's saved filters and columns for one list. Choosing one hands it to the page (which puts it
 * in the address); saving takes what the page has now. Views are private: the server answers only the owner's.
 */
export function SavedViewsMenu(props: {
  list: SavedViewList;
  current: () => { query: Record<string, string>; columns: string[] | null };
  onApply: (view: SavedView) => void;
}) {
  const t = useT(savedViewsMessages);
  const { message, modal } = App.useApp();
  const views = useSavedViews(props.list);
  const save = useSaveView(props.list);
  const remove = useDeleteView(props.list);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  const confirmDelete = (view: SavedView) =>
    modal.confirm({
      title: t.deleteViewConfirm(view.name),
      okText: t.delete,
      okButtonProps: { danger: true },
      cancelText: t.cancel,
      onOk: async () => {
        await remove.mutateAsync(view.id);
        void message.success(t.viewDeleted);
      },
    });

  const items: MenuProps['items'] = [
    ...(views.data?.items ?? []).map((view) => ({
      key: view.id,
      label: (
        <span style={{ display: 'flex', justifyContent: 'space-between', gap: 16, minWidth: 180 }}>
          <span>{view.name}</span>
          <Button
            type="text"
            size="small"
            danger
            aria-label={t.deleteView(view.name)}
            icon={<DeleteOutlined />}
            onClick={(e) => {
              // The row itself applies the view; the bin only deletes it.
              e.stopPropagation();
              confirmDelete(view);
            }}
          />
        </span>
      ),
      onClick: () => {
        props.onApply(view);
        void message.success(t.viewApplied(view.name));
      },
    })),
    ...(views.data?.items.length
      ? []
      : [
          {
            key: 'none',
            disabled: true,
            label: <Typography.Text type="secondary">{t.noViews}</Typography.Text>,
          },
        ]),
    { type: 'divider' as const },
    {
      key: 'save',
      icon: <SaveOutlined />,
      label: t.saveViewAs,
      onClick: () => {
        save.reset();
        form.resetFields();
        setSaving(true);
      },
    },
  ];

  const submit = async ({ name }: { name: string }) => {
    const saved = await save.mutateAsync({ name: name.trim(), ...props.current() }).catch(() => null);
    if (!saved) return;
    void message.success(t.viewSaved(saved.name));
    setSaving(false);
  };

  return (
    <>
      <Dropdown menu={{ items }} trigger={['click']}>
        <Button>
          {t.myViews} <DownOutlined />
        </Button>
      </Dropdown>
      <Modal
        open={saving}
        title={t.saveViewTitle}
        okText={t.save}
        cancelText={t.cancel}
        confirmLoading={save.isPending}
        onOk={() => form.submit()}
        onCancel={() => setSaving(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t.saveViewHelp}</Typography.Paragraph>
        <Form form={form} layout="vertical" name="save-view" onFinish={(v) => void submit(v)}>
          <Form.Item
            name="name"
            label={t.viewName}
            rules={[{ required: true, whitespace: true, message: t.viewNameRequired }, { max: 40 }]}
          >
            <Input maxLength={40} autoFocus autoComplete="off" />
          </Form.Item>
        </Form>
        <ApiErrorAlert error={save.error} />
      </Modal>
    </>
  );
}
