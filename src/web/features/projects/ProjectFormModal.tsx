import { App, Form, Modal } from 'antd';
import type { ProjectView } from '../../../domain/projects/projects.schemas.js';
import { applyFieldErrors } from '../../app/form-errors.js';
import { useLang, useT } from '../../app/i18n.js';
import { queryClient } from '../../app/query-client.js';
import type { UnitOptions } from '../users/unit-options.js';
import { ProjectErrorAlert } from './ProjectErrorAlert.js';
import {
  changedFields,
  ProjectForm,
  type ProjectFormValues,
  projectToValues,
  valuesToFields,
} from './ProjectForm.js';
import { projectKeys, useCreateProject, useUpdateProject } from './projects.api.js';
import { projectsMessages } from './projects.messages.js';

/** Mounted only while open. Edit sends only what changed, with the version that was loaded. */
export function ProjectFormModal(props: {
  project: ProjectView | null;
  unitOptions: UnitOptions;
  unitLocked: boolean;
  defaultUnitId: string;
  onClose: (saved?: ProjectView) => void;
}) {
  const t = useT(projectsMessages);
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProjectFormValues>();
  const create = useCreateProject();
  const update = useUpdateProject();
  const mutation = props.project ? update : create;

  const initialValues: Partial<ProjectFormValues> = props.project
    ? projectToValues(props.project)
    : {
        unitId: props.defaultUnitId,
        industrial: true,
        foreignFunded: false,
        highTech: false,
        greenChannel: false,
        capitalIncrease: false,
      };

  const submit = (values: ProjectFormValues) => {
    const onError = (err: unknown) => applyFieldErrors(form, err, lang);
    const fields = valuesToFields(values);
    const current = props.project;
    if (!current) {
      create.mutate(
        { unitId: values.unitId, ...fields },
        {
          onSuccess: (saved) => {
            void message.success(t.created);
            props.onClose(saved);
          },
          onError,
        },
      );
      return;
    }
    const patch = changedFields(current, fields);
    if (Object.keys(patch).length === 0) {
      props.onClose();
      return;
    }
    update.mutate(
      { id: current.id, patch: { version: current.version, ...patch } },
      {
        onSuccess: (saved) => {
          void message.success(t.saved);
          props.onClose(saved);
        },
        onError,
      },
    );
  };

  const reload = () => {
    if (props.project) void queryClient.invalidateQueries({ queryKey: projectKeys.detail(props.project.id) });
    props.onClose();
  };

  return (
    <Modal
      open
      title={props.project ? t.editProject : t.addProject}
      okText={t.save}
      cancelText={t.cancel}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={() => props.onClose()}
      mask={{ closable: false }}
      width={760}
    >
      <ProjectForm
        form={form}
        mode={props.project ? 'edit' : 'create'}
        unitOptions={props.unitOptions}
        unitLocked={props.unitLocked}
        initialValues={initialValues}
        enterpriseName={props.project?.enterpriseName ?? null}
        onFinish={submit}
      />
      <ProjectErrorAlert error={mutation.error} onReload={reload} />
    </Modal>
  );
}
